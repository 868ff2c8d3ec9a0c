import type { CacheRing } from "@hivemind/cache";
import { communityOwner, rankEntries, sortUsesTimeFilter, toBase36, type LinkSort, type TimeFilter, type Viewer } from "@hivemind/core";
import type { Db } from "@hivemind/db";
import type { ListingItem, ListingReader, ListingSnapshot, ListingSource } from "./skeleton.js";

/**
 * Merged listings: the front page and multi-communities (`r/a+b`). A logged-in reader's front page
 * is the merge of their subscriptions' listings for the sort (at most `perCommunity` items from
 * each, `max` in all, as reddit took 150 and 1000), cached on the ring per user for `ttlSeconds`
 * and dropped when they subscribe or unsubscribe. A logged-out reader, or one with no
 * subscriptions, gets the same merge over the default set: the `defaultCount` communities with
 * the most subscribers (reddit's default subreddits), cached once for everyone.
 */

export interface MergeSettings {
  perCommunity: number;
  max: number;
  ttlSeconds: number;
  defaultCount: number;
}

const FRESHNESS: ListingSource[] = ["redis", "cassandra", "postgres"];

/** The least fresh of some sources (a merge is only as fresh as its stalest part). */
export function worstSource(sources: Iterable<ListingSource>): ListingSource {
  let worst = 0;
  for (const s of sources) worst = Math.max(worst, FRESHNESS.indexOf(s));
  return FRESHNESS[worst] as ListingSource;
}

/**
 * Listings of one sort merged into one: the first `perPart` items of each, ranked by their sort
 * values (which one sort makes comparable across listings), at most `max`.
 */
export function mergeSnapshots(parts: readonly ListingSnapshot[], perPart: number, max: number): ListingSnapshot {
  const items: ListingItem[] = rankEntries(
    parts.flatMap((p) => p.items.slice(0, perPart).map((i) => ({ fullname: i.fullname, sort: i.sort, ts: i.ts ?? 0 }))),
    max,
  );
  return { items, source: worstSource(parts.map((p) => p.source)) };
}

function sortPart(sort: LinkSort, t: TimeFilter): string {
  return sortUsesTimeFilter(sort) ? `${sort}:${t}` : sort;
}

/** Every sort part a merged front page can be cached under. */
function allSortParts(): string[] {
  const parts: string[] = ["hot", "new", "rising"];
  for (const sort of ["top", "controversial"] as const) for (const t of ["hour", "day", "week", "month", "year", "all"] as const) parts.push(`${sort}:${t}`);
  return parts;
}

export class FrontPages {
  constructor(
    private readonly opts: {
      db: Db;
      ring: CacheRing;
      listings: ListingReader;
      settings: () => MergeSettings;
      /** Keeps one database's merged pages apart from another's on a shared ring. */
      namespace: string;
    },
  ) {}

  private key(who: string, sort: LinkSort, t: TimeFilter): string {
    return `fp:${this.opts.namespace}:${who}:${sortPart(sort, t)}`;
  }

  /** The merged skeleton of the reader's front page. */
  async skeleton(actor: Viewer | null, sort: LinkSort, t: TimeFilter): Promise<ListingSnapshot> {
    const who = actor ? `u${toBase36(actor.userId)}` : "default";
    const key = this.key(who, sort, t);
    const cached = await this.opts.ring.get<ListingSnapshot>(key);
    if (cached) return { items: cached.items, source: "redis" };
    let communities = actor ? await this.subscriptions(actor.userId) : [];
    if (communities.length === 0) communities = await this.defaultSet();
    const merged = await this.merge(communities, sort, t);
    const ttl = this.opts.settings().ttlSeconds;
    if (ttl > 0) await this.opts.ring.set(key, { items: merged.items, source: merged.source }, { ttlSeconds: ttl });
    return merged;
  }

  /** The merge of some communities' listings (not cached: `r/a+b`). */
  async merge(communityIds: readonly bigint[], sort: LinkSort, t: TimeFilter): Promise<ListingSnapshot> {
    const { perCommunity, max } = this.opts.settings();
    const parts = await Promise.all(communityIds.map((id) => this.opts.listings.read({ owner: communityOwner(id), sort, t })));
    return mergeSnapshots(parts, perCommunity, max);
  }

  /** The default set: the communities with the most subscribers. */
  async defaultSet(): Promise<bigint[]> {
    const key = `fp:${this.opts.namespace}:default-set`;
    const cached = await this.opts.ring.get<string[]>(key);
    if (cached) return cached.map((s) => BigInt(s));
    const rows = await this.opts.db.community.findMany({ orderBy: [{ subscribers: "desc" }, { id: "asc" }], take: this.opts.settings().defaultCount, select: { id: true } });
    const ids = rows.map((r) => r.id);
    const ttl = this.opts.settings().ttlSeconds;
    if (ttl > 0) await this.opts.ring.set(key, ids.map(String), { ttlSeconds: ttl });
    return ids;
  }

  private async subscriptions(userId: bigint): Promise<bigint[]> {
    const rows = await this.opts.db.subscription.findMany({ where: { userId }, select: { communityId: true } });
    return rows.map((r) => r.communityId);
  }

  /** Drops a reader's merged front pages (after they subscribe or unsubscribe). */
  async invalidate(userId: bigint): Promise<void> {
    const who = `u${toBase36(userId)}`;
    await this.opts.ring.del(allSortParts().map((p) => `fp:${this.opts.namespace}:${who}:${p}`));
  }
}
