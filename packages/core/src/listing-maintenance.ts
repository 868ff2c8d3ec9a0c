/**
 * Listing maintenance, pure: which precomputed listings a post or comment belongs to, its sort
 * value in each, how a batch of changes is coalesced, and how a listing is re-ranked, capped and
 * pruned. The listings consumer, the scheduler and the rebuild from Postgres all go through these
 * functions, so an incrementally maintained listing and a rebuilt one agree value for value.
 *
 * Membership (the listings the consumer maintains):
 *
 *   a post, in its community `sr:<id>` and in `all`:
 *     hot, new, rising (only while `rising` gives a value), top × {all, year, month, week, day,
 *     hour} and controversial × the same (a time-filtered listing only while the post is inside
 *     the window)
 *   a post, in its author's `u:<id>:submitted` and its domain's `d:<domain>`: hot, new, top:all
 *   a comment, in its author's `u:<id>:comments`: hot, new, top:all
 *
 * A thing that is not listable (removed, deleted, or its author banned from its community) is in
 * no listing. Comment orders and trees (per post) are separate: see comment-orders.ts.
 *
 * Entries carry `sort` (the value, higher first) and `ts` (creation time, Unix ms). Order is sort
 * descending, then id descending (newer first), the same order as `compareRanked`.
 */
import { parseFullname } from "./fullname.js";
import { idTimestamp } from "./ids.js";
import {
  ALL_OWNER,
  communityOwner,
  domainOwner,
  formatListingKey,
  listingOwnerKey,
  userOwner,
  type ListingKey,
  type ListingOwner,
} from "./listing-keys.js";
import {
  LISTING_MAX,
  RISING_WINDOW_MS,
  TIME_FILTERS,
  controversy,
  hot,
  isWithinTimeFilter,
  rising,
  score,
  type LinkSort,
  type TimeFilter,
} from "./ranking.js";

/** One item of a precomputed listing (or comment order). */
export interface ListingEntry {
  /** t3_… or t1_… */
  fullname: string;
  /** The sort value: higher sorts first. */
  sort: number;
  /** Creation time, Unix ms. */
  ts: number;
}

/** What listing maintenance needs to know of a post or comment: Postgres's current row. */
export interface ListedThing {
  fullname: string;
  kind: "t3" | "t1";
  communityId: bigint;
  authorId: bigint;
  /** The domain listing a post is in (listedDomainOf): its link's domain; null for a self post and for comments. */
  domain: string | null;
  ups: number;
  downs: number;
  /** Creation time, Unix ms (the id's timestamp). */
  createdMs: number;
  /** Not removed, not deleted, author not banned from the community. */
  listable: boolean;
}

/** The listings of `owner` the consumer maintains (see the module comment). */
export function maintainedListingKeys(owner: ListingOwner): ListingKey[] {
  if (owner.type === "community" || owner.type === "all") {
    const keys: ListingKey[] = [
      { owner, sort: "hot", t: "all" },
      { owner, sort: "new", t: "all" },
      { owner, sort: "rising", t: "all" },
    ];
    for (const sort of ["top", "controversial"] as const) for (const t of TIME_FILTERS) keys.push({ owner, sort, t });
    return keys;
  }
  return [
    { owner, sort: "hot", t: "all" },
    { owner, sort: "new", t: "all" },
    { owner, sort: "top", t: "all" },
  ];
}

/** Whether the consumer keeps `key` up to date (others are computed on demand and cached briefly). */
export function isMaintainedListing(key: ListingKey): boolean {
  const k = formatListingKey(key);
  return maintainedListingKeys(key.owner).some((m) => formatListingKey(m) === k);
}

/**
 * The listings whose membership or values depend on the clock, which the scheduler recomputes:
 * top/controversial × hour … year, and rising.
 */
export function scheduledListingKeys(owner: ListingOwner): ListingKey[] {
  return maintainedListingKeys(owner).filter((k) => k.t !== "all" || k.sort === "rising");
}

/**
 * The domain listing a post is in: a link's domain (stored normalised: lowercase, no `www.`). A
 * self post is in none, as on reddit: its domain on the wire ("self.AskHivemind") names its
 * community, keeps the community's case, and is not a host. (Postgres rebuilds say the same with
 * `kind = 'link'`.)
 */
export function listedDomainOf(post: { kind: string; domain: string | null }): string | null {
  return post.kind === "link" && post.domain ? post.domain : null;
}

/** The owners whose listings a thing can be in (whether or not it is listable now). */
export function listingOwnersOf(thing: Pick<ListedThing, "kind" | "communityId" | "authorId" | "domain">): ListingOwner[] {
  if (thing.kind === "t1") return [userOwner(thing.authorId, "comments")];
  const owners: ListingOwner[] = [communityOwner(thing.communityId), ALL_OWNER, userOwner(thing.authorId, "submitted")];
  if (thing.domain) owners.push(domainOwner(thing.domain));
  return owners;
}

/** Owner keys (`sr:2bx`, `all`, …) of a thing: the Kafka keys of its listing updates. */
export function listingOwnerKeysOf(thing: Pick<ListedThing, "kind" | "communityId" | "authorId" | "domain">): string[] {
  return listingOwnersOf(thing).map(listingOwnerKey);
}

/**
 * A thing's sort value in listing `key` at `nowMs`, or null when it does not belong there:
 * not listable, rising gives no value, or created outside the time filter's window.
 */
export function listingSortValue(key: Pick<ListingKey, "sort" | "t">, thing: Pick<ListedThing, "ups" | "downs" | "createdMs" | "listable">, nowMs: number): number | null {
  if (!thing.listable) return null;
  const { ups, downs, createdMs } = thing;
  const sort: LinkSort = key.sort;
  switch (sort) {
    case "hot":
      return hot(ups, downs, createdMs);
    case "new":
      return createdMs;
    case "rising":
      return rising(ups, downs, createdMs, nowMs);
    case "top":
      return isWithinTimeFilter(key.t, createdMs, nowMs) ? score(ups, downs) : null;
    case "controversial":
      return isWithinTimeFilter(key.t, createdMs, nowMs) ? controversy(ups, downs) : null;
  }
}

/** The thing's entry in `key`, or null when it does not belong there. */
export function listingEntryFor(key: ListingKey, thing: ListedThing, nowMs: number): ListingEntry | null {
  const sort = listingSortValue(key, thing, nowMs);
  return sort === null ? null : { fullname: thing.fullname, sort, ts: thing.createdMs };
}

/**
 * Every maintained listing of every owner of `thing`, with the thing's entry there or null (take
 * it out). A thing that is not listable gets null everywhere.
 */
export function listingPlacements(thing: ListedThing, nowMs: number): Map<string, ListingEntry | null> {
  const out = new Map<string, ListingEntry | null>();
  for (const owner of listingOwnersOf(thing)) {
    for (const key of maintainedListingKeys(owner)) out.set(formatListingKey(key), listingEntryFor(key, thing, nowMs));
  }
  return out;
}

function idOf(fullname: string): bigint {
  return parseFullname(fullname).id;
}

/** Listing order: sort descending, then id descending (newer first). */
export function compareEntries(a: ListingEntry, b: ListingEntry): number {
  if (a.sort !== b.sort) return a.sort > b.sort ? -1 : 1;
  if (a.fullname === b.fullname) return 0;
  const ia = idOf(a.fullname);
  const ib = idOf(b.fullname);
  return ia === ib ? (a.fullname < b.fullname ? 1 : -1) : ia > ib ? -1 : 1;
}

/** Sorted (listing order) and cut to `cap`; the input is not changed. Duplicate fullnames: the last wins. */
export function rankEntries(entries: Iterable<ListingEntry>, cap: number = LISTING_MAX): ListingEntry[] {
  const byName = new Map<string, ListingEntry>();
  for (const e of entries) byName.set(e.fullname, e);
  return [...byName.values()].sort(compareEntries).slice(0, cap);
}

export interface ListingChangeResult {
  /** The listing after the changes: ranked, at most `cap`. */
  items: ListingEntry[];
  /** Entries to write (new, or with a changed sort value or ts): overwrites. */
  upserted: ListingEntry[];
  /** Fullnames to delete: taken out by a change, or pruned past the cap. */
  removed: string[];
}

/**
 * Apply a coalesced set of changes to a listing: `changes` maps a fullname to its new entry, or
 * to null to take it out. The result is ranked and capped; what falls past the cap is pruned (in
 * `removed`), including an entry just upserted.
 */
export function applyListingChanges(
  current: readonly ListingEntry[],
  changes: ReadonlyMap<string, ListingEntry | null>,
  cap: number = LISTING_MAX,
): ListingChangeResult {
  const before = new Map(current.map((e) => [e.fullname, e]));
  const next = new Map(before);
  for (const [fullname, entry] of changes) {
    if (entry === null) next.delete(fullname);
    else next.set(fullname, { ...entry, fullname });
  }
  const items = rankEntries(next.values(), cap);
  const kept = new Map(items.map((e) => [e.fullname, e]));
  const upserted = items.filter((e) => {
    const old = before.get(e.fullname);
    return old === undefined || old.sort !== e.sort || old.ts !== e.ts;
  });
  const removed = [...before.keys()].filter((f) => !kept.has(f));
  return { items, upserted, removed };
}

/**
 * Drop what aged out of a listing at `nowMs`: entries older than a time filter's window (top and
 * controversial) or than rising's window. `rising` values are not recomputed here (the scheduler
 * recomputes them from Postgres); only membership by age is checked.
 */
export function pruneAgedOut(key: Pick<ListingKey, "sort" | "t">, entries: readonly ListingEntry[], nowMs: number, risingWindowMs: number = RISING_WINDOW_MS): ListingEntry[] {
  if (key.sort === "rising") return entries.filter((e) => nowMs - e.ts <= risingWindowMs);
  if ((key.sort === "top" || key.sort === "controversial") && key.t !== "all") {
    const t: TimeFilter = key.t;
    return entries.filter((e) => isWithinTimeFilter(t, e.ts, nowMs));
  }
  return [...entries];
}

/** A listing trigger: "`thing` may have changed; recompute it in the listings of `owner`". */
export interface ListingTrigger {
  owner: string;
  thing: string;
}

/**
 * Coalesce a batch of triggers: many votes on one thing become one recomputation per owner.
 * Returns owner → fullnames, each once, in first-seen order.
 */
export function coalesceTriggers(triggers: Iterable<ListingTrigger>): Map<string, string[]> {
  const seen = new Map<string, Set<string>>();
  for (const { owner, thing } of triggers) {
    const set = seen.get(owner) ?? new Set<string>();
    set.add(thing);
    seen.set(owner, set);
  }
  return new Map([...seen].map(([owner, set]) => [owner, [...set]]));
}

/**
 * For one owner: the coalesced changes per maintained listing key, given the current rows of the
 * things that changed (`things`; a fullname with no row, e.g. purged, is taken out everywhere).
 */
export function changesForOwner(
  owner: ListingOwner,
  fullnames: readonly string[],
  things: ReadonlyMap<string, ListedThing>,
  nowMs: number,
): Map<string, Map<string, ListingEntry | null>> {
  const out = new Map<string, Map<string, ListingEntry | null>>();
  for (const key of maintainedListingKeys(owner)) {
    const changes = new Map<string, ListingEntry | null>();
    for (const f of fullnames) {
      const thing = things.get(f);
      changes.set(f, thing ? listingEntryFor(key, thing, nowMs) : null);
    }
    out.set(formatListingKey(key), changes);
  }
  return out;
}

/** Creation time of a thing from its fullname (ids are time-ordered). */
export function createdMsOf(fullname: string): number {
  return idTimestamp(idOf(fullname));
}
