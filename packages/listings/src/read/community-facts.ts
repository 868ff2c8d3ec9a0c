import type { CacheRing } from "@hivemind/cache";
import { fromBase36, toBase36 } from "@hivemind/core";
import type { Db } from "@hivemind/db";

/**
 * What the rules stage needs to know of a community besides its things: who is banned from it
 * (a ban hides the banned author's posts and comments from the community's listings, for all but
 * its moderators) and which posts are stickied (shown above page one of its hot listing). Cached
 * on the ring per community with the thing cache's TTL, deleted by the API after a ban, unban,
 * sticky or unsticky.
 */

export function bansCacheKey(communityId: bigint): string {
  return `cb:${toBase36(communityId)}`;
}

export function stickiesCacheKey(communityId: bigint): string {
  return `cs:${toBase36(communityId)}`;
}

/** Banned user id36 → expiry (Unix ms) or null for permanent. */
type EncodedBans = [string, number | null][];

export class CommunityFacts {
  constructor(private readonly opts: { ring: CacheRing; db: Db; ttlSeconds: () => number; now: () => number }) {}

  /** For each community, the users banned from it now. */
  async bannedUsers(communityIds: readonly bigint[]): Promise<Map<bigint, Set<bigint>>> {
    const ids = [...new Set(communityIds)];
    const out = new Map<bigint, Set<bigint>>();
    if (ids.length === 0) return out;
    const cached = await this.opts.ring.mget<EncodedBans>(ids.map(bansCacheKey));
    const missing = ids.filter((id) => !cached.has(bansCacheKey(id)));
    const loaded = new Map<bigint, EncodedBans>();
    if (missing.length > 0) {
      const rows = await this.opts.db.ban.findMany({ where: { communityId: { in: missing } }, select: { communityId: true, userId: true, expiresAt: true } });
      for (const id of missing) loaded.set(id, []);
      for (const r of rows) loaded.get(r.communityId)?.push([toBase36(r.userId), r.expiresAt?.getTime() ?? null]);
      await this.write([...loaded].map(([id, value]) => ({ key: bansCacheKey(id), value })));
    }
    const now = this.opts.now();
    for (const id of ids) {
      const bans = cached.get(bansCacheKey(id)) ?? loaded.get(id) ?? [];
      out.set(id, new Set(bans.filter(([, exp]) => exp === null || exp > now).map(([u]) => fromBase36(u))));
    }
    return out;
  }

  /** A community's stickied post ids, slot 1 first. */
  async stickies(communityId: bigint): Promise<bigint[]> {
    const key = stickiesCacheKey(communityId);
    const hit = await this.opts.ring.get<string[]>(key);
    if (hit) return hit.map((s) => fromBase36(s));
    const rows = await this.opts.db.post.findMany({
      where: { communityId, stickyPosition: { not: null }, deleted: false },
      orderBy: { stickyPosition: "asc" },
      select: { id: true },
    });
    await this.write([{ key, value: rows.map((r) => toBase36(r.id)) }]);
    return rows.map((r) => r.id);
  }

  async invalidate(communityId: bigint, what: { bans?: boolean; stickies?: boolean }): Promise<void> {
    const keys = [...(what.bans ? [bansCacheKey(communityId)] : []), ...(what.stickies ? [stickiesCacheKey(communityId)] : [])];
    if (keys.length > 0) await this.opts.ring.del(keys);
  }

  private async write(entries: { key: string; value: unknown }[]): Promise<void> {
    const ttl = this.opts.ttlSeconds();
    if (entries.length > 0 && ttl > 0) await this.opts.ring.setMany(entries, { ttlSeconds: ttl });
  }
}
