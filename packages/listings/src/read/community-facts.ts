import { LocalCache, type CacheRing } from "@hivemind/cache";
import { fromBase36, toBase36 } from "@hivemind/core";
import type { Db } from "@hivemind/db";
import { LOCAL_CACHE_MS } from "./local-snapshots.js";

/**
 * What the rules stage needs to know of a community besides its things: who is banned from it
 * (a ban hides the banned author's posts and comments from the community's listings, for all but
 * its moderators) and which posts are stickied (shown above page one of its hot listing). Cached
 * on the ring per community with the thing cache's TTL, deleted by the API after a ban, unban,
 * sticky or unsticky. Each process keeps what it read for LOCAL_CACHE_MS as well (LocalCache).
 */

export function bansCacheKey(communityId: bigint): string {
  return `cb:${toBase36(communityId)}`;
}

export function stickiesCacheKey(communityId: bigint): string {
  return `cs:${toBase36(communityId)}`;
}

/** Banned user id36 → expiry (Unix ms) or null for permanent. */
type EncodedBans = [string, number | null][];

/** A community's bans as this process keeps them: who is banned, and until when that set holds. */
interface BanSet {
  users: Set<bigint>;
  /** The earliest expiry among them (Infinity when none expires): past it, decode again. */
  validUntil: number;
}

function decodeBans(bans: EncodedBans, now: number): BanSet {
  const users = new Set<bigint>();
  let validUntil = Infinity;
  for (const [u, exp] of bans) {
    if (exp !== null && exp <= now) continue;
    users.add(fromBase36(u));
    if (exp !== null) validUntil = Math.min(validUntil, exp);
  }
  return { users, validUntil };
}

const LOCAL_MAX = 2_000;

export class CommunityFacts {
  private readonly localBans: LocalCache<string, { encoded: EncodedBans; decoded: BanSet }>;
  private readonly localStickies: LocalCache<string, bigint[]>;

  constructor(private readonly opts: { ring: CacheRing; db: Db; ttlSeconds: () => number; now: () => number }) {
    const local = { ttlMs: () => Math.min(LOCAL_CACHE_MS, opts.ttlSeconds() * 1000), max: LOCAL_MAX };
    this.localBans = new LocalCache(local);
    this.localStickies = new LocalCache(local);
  }

  /**
   * For each community, the users banned from it now (shared sets: read-only). `local` as in
   * ThingCache.load: only for readers who cannot write.
   */
  async bannedUsers(communityIds: readonly bigint[], opts: { local?: boolean } = {}): Promise<Map<bigint, Set<bigint>>> {
    const out = new Map<bigint, Set<bigint>>();
    const now = this.opts.now();
    const remote: bigint[] = [];
    for (const id of new Set(communityIds)) {
      const hit = opts.local ? this.localBans.get(bansCacheKey(id)) : undefined;
      if (hit === undefined) remote.push(id);
      else out.set(id, (now < hit.decoded.validUntil ? hit.decoded : decodeBans(hit.encoded, now)).users);
    }
    if (remote.length === 0) return out;
    const cached = await this.opts.ring.mget<EncodedBans>(remote.map(bansCacheKey));
    const missing = remote.filter((id) => !cached.has(bansCacheKey(id)));
    if (missing.length > 0) {
      const loaded = new Map<string, EncodedBans>(missing.map((id) => [bansCacheKey(id), []]));
      const rows = await this.opts.db.ban.findMany({ where: { communityId: { in: missing } }, select: { communityId: true, userId: true, expiresAt: true } });
      for (const r of rows) loaded.get(bansCacheKey(r.communityId))?.push([toBase36(r.userId), r.expiresAt?.getTime() ?? null]);
      await this.write([...loaded].map(([key, value]) => ({ key, value })));
      for (const [key, value] of loaded) cached.set(key, value);
    }
    for (const id of remote) {
      const key = bansCacheKey(id);
      const encoded = cached.get(key) ?? [];
      const decoded = decodeBans(encoded, now);
      this.localBans.set(key, { encoded, decoded });
      out.set(id, decoded.users);
    }
    return out;
  }

  /** A community's stickied post ids, slot 1 first. */
  async stickies(communityId: bigint, opts: { local?: boolean } = {}): Promise<bigint[]> {
    const key = stickiesCacheKey(communityId);
    const local = opts.local ? this.localStickies.get(key) : undefined;
    if (local !== undefined) return local;
    let ids: bigint[];
    const hit = await this.opts.ring.get<string[]>(key);
    if (hit) ids = hit.map((s) => fromBase36(s));
    else {
      const rows = await this.opts.db.post.findMany({
        where: { communityId, stickyPosition: { not: null }, deleted: false },
        orderBy: { stickyPosition: "asc" },
        select: { id: true },
      });
      ids = rows.map((r) => r.id);
      await this.write([{ key, value: ids.map(toBase36) }]);
    }
    this.localStickies.set(key, ids);
    return ids;
  }

  async invalidate(communityId: bigint, what: { bans?: boolean; stickies?: boolean }): Promise<void> {
    const keys = [...(what.bans ? [bansCacheKey(communityId)] : []), ...(what.stickies ? [stickiesCacheKey(communityId)] : [])];
    for (const key of keys) {
      this.localBans.delete(key);
      this.localStickies.delete(key);
    }
    if (keys.length > 0) await this.opts.ring.del(keys);
  }

  private async write(entries: { key: string; value: unknown }[]): Promise<void> {
    const ttl = this.opts.ttlSeconds();
    if (entries.length > 0 && ttl > 0) await this.opts.ring.setMany(entries, { ttlSeconds: ttl });
  }
}
