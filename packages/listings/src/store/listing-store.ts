import type cassandra from "cassandra-driver";
import type pg from "pg";
import type { CacheRing, ListingState } from "@hivemind/cache";
import {
  LISTING_MAX,
  applyListingChanges,
  compareEntries,
  createdMsOf,
  formatListingKey,
  isMaintainedListing,
  parseListingKey,
  rankEntries,
  type ListingEntry,
  type ListingKey,
} from "@hivemind/core";
import { CassandraListings, type TimedChange } from "./cassandra.js";
import { storeLog as log } from "./logger.js";
import { computeListingFromPostgres } from "./postgres.js";
import type { ListingItem, ListingKeyInput, ListingStore } from "./types.js";
import { CassandraWriteBehind } from "./write-behind.js";

export interface ListingStoreDeps {
  pool: pg.Pool;
  ring: CacheRing;
  cassandra: cassandra.Client;
  keyspace: string;
  /** Prepended to every listing name in Cassandra and Redis (tests use their own). Default "". */
  namespace?: string;
  now?: () => number;
  /**
   * Listings no consumer maintains (e.g. a user's top:week) are computed from Postgres on a read
   * and cached in Redis only, for this long. Default 60 s.
   */
  onDemandTtlSeconds?: number;
  /**
   * The consumer's patches go to Redis at once and to Cassandra coalesced over this many ms
   * (write-behind.ts); the consumer then commits its offsets only after `durable()`. Default 0:
   * Cassandra first, then Redis, in each patch.
   */
  writeBehindMs?: number;
}

function keyOf(key: ListingKeyInput): { key: ListingKey; name: string } {
  const k = typeof key === "string" ? parseListingKey(key) : key;
  return { key: k, name: formatListingKey(k) };
}

/** Redis key of a listing in a namespace: `l:<namespace><listing>`. */
export function listingRedisKey(namespace: string, listing: string): string {
  return `l:${namespace}${listing}`;
}

/** The listing store plus the writes the consumers and the scheduler make. */
export interface ListingStoreWriter extends ListingStore {
  /**
   * Apply coalesced changes to one listing (the consumer's write); see `patch` and `rewrite` in
   * the implementation. Throws when Cassandra is down (the consumer retries the batch).
   */
  applyChanges(key: ListingKeyInput, changes: ReadonlyMap<string, ListingEntry | null>): Promise<ListingPatch>;
  /** Write a whole listing to both stores (rebuilds, the scheduler). */
  writeWhole(key: ListingKeyInput, items: readonly ListingEntry[]): Promise<void>;
  readonly cassandraListings: CassandraListings;
  /** Resolves once every patch made before the call is in Cassandra (at once without write-behind). */
  durable(): Promise<void>;
  /** Writes what the write-behind holds and stops its timer. */
  close(): Promise<void>;
  /**
   * The consumer's partitions were (re)assigned. Every listing's next change is a whole rewrite
   * again, as in a new process: a previous owner that died may have patched Redis with rows its
   * write-behind never wrote to Cassandra, and the redelivered changes must reach Cassandra rather
   * than be diffed away against that Redis copy. And the rows queued so far are not re-applied to
   * Redis after their flush (a listing may have another writer now).
   */
  partitionsAssigned(): void;
}

/** What one applyChanges wrote: the rows overwritten and removed, and whether it rewrote the listing whole. */
export interface ListingPatch {
  upserted: ListingEntry[];
  removed: string[];
  whole: boolean;
}

/**
 * A listing the consumer patches is still rewritten whole from Cassandra on its first write in a
 * process and then this often: that bounds any drift of its Redis copy (say a stale copy left on
 * a node from before the key lived elsewhere, which a patch would otherwise build on).
 */
export const LISTING_REWRITE_MS = 30_000;
const TRACKED_MAX = 100_000;

/**
 * The patch of `changes` against a listing's current state: what to overwrite (a new or changed
 * value that ranks inside the cap) and what to take out (only members that are in it, so a thing
 * that is not there costs no delete). Entries order by value, then id, as rankEntries does.
 */
export function listingPatchOf(state: ListingState, changes: ReadonlyMap<string, ListingEntry | null>, cap: number = LISTING_MAX): { upsert: ListingEntry[]; remove: string[] } {
  const upsert: ListingEntry[] = [];
  const remove: string[] = [];
  let size = state.size;
  const lowest = state.lowest ? { fullname: state.lowest.member, sort: state.lowest.score, ts: createdMsOf(state.lowest.member) } : undefined;
  for (const [fullname, entry] of changes) {
    const current = state.scores.get(fullname);
    if (entry === null) {
      if (current !== undefined) {
        remove.push(fullname);
        size--;
      }
    } else if (current === undefined) {
      // A newcomer to a full listing that ranks below its last member would be popped at once.
      if (size >= cap && lowest && compareEntries(entry, lowest) > 0) continue;
      upsert.push(entry);
      size++;
    } else if (current !== entry.sort) upsert.push(entry);
  }
  return { upsert, remove };
}

export function createListingStore(deps: ListingStoreDeps): ListingStoreWriter {
  const ns = deps.namespace ?? "";
  const now = deps.now ?? Date.now;
  const onDemandTtl = deps.onDemandTtlSeconds ?? 60;
  const cass = new CassandraListings(deps.cassandra, deps.keyspace);
  const behind = deps.writeBehindMs ? new CassandraWriteBehind(cass, { flushMs: deps.writeBehindMs, onFlushed: reapply }) : undefined;

  async function readRedis(key: ListingKeyInput): Promise<ListingItem[] | undefined> {
    const { name } = keyOf(key);
    const members = await deps.ring.zrevrange(listingRedisKey(ns, name));
    if (members === undefined) return undefined;
    // Redis breaks score ties by member bytes; the listing's order breaks them by id.
    return rankEntries(members.map((m) => ({ fullname: m.member, sort: m.score, ts: createdMsOf(m.member) })), Number.MAX_SAFE_INTEGER);
  }

  async function readCassandra(key: ListingKeyInput): Promise<ListingItem[] | undefined> {
    const items = await cass.read(ns + keyOf(key).name);
    return items.length === 0 ? undefined : items;
  }

  async function writeRedis(name: string, items: readonly ListingEntry[], ttlSeconds?: number): Promise<void> {
    const redisKey = listingRedisKey(ns, name);
    const result =
      items.length === 0
        ? await deps.ring.del(redisKey)
        : await deps.ring.replaceListing(redisKey, items.map((e) => ({ member: e.fullname, score: e.sort })), { cap: LISTING_MAX, ...(ttlSeconds ? { ttlSeconds } : {}) });
    if (!result.ok) log.warn({ listing: name, dropped: result.dropped.length }, "listing write to Redis dropped (readers fall back to Cassandra)");
  }

  /**
   * A reader's copy of what it read from Cassandra or Postgres, cached only where Redis has none:
   * a consumer may have written a newer copy while the reader read, and an overwrite would keep
   * the older one until the listing's next change.
   */
  async function fillRedis(name: string, items: readonly ListingEntry[]): Promise<void> {
    const result = await deps.ring.fillListing(listingRedisKey(ns, name), items.map((e) => ({ member: e.fullname, score: e.sort })), { cap: LISTING_MAX });
    if (!result.ok) log.warn({ listing: name }, "listing fill to Redis dropped (readers fall back to Cassandra)");
  }

  async function writeWhole(key: ListingKeyInput, items: readonly ListingEntry[]): Promise<void> {
    const { name } = keyOf(key);
    await behind?.flushListing(ns + name);
    const ranked = rankEntries(items, LISTING_MAX);
    await cass.replace(ns + name, ranked);
    await writeRedis(name, ranked);
  }

  const store: ListingStoreWriter = {
    cassandraListings: cass,
    durable: () => behind?.durable() ?? Promise.resolve(),
    close: async () => behind?.close(),
    partitionsAssigned() {
      rewrittenAt.clear();
      behind?.disown();
    },
    readRedis,
    readCassandra,
    async computeFromPostgres(key) {
      return computeListingFromPostgres(deps.pool, keyOf(key).key, now());
    },
    async rebuild(key) {
      const items = await computeListingFromPostgres(deps.pool, keyOf(key).key, now());
      await writeWhole(key, items);
      return items;
    },
    writeWhole,
    async read(input) {
      const { key, name } = keyOf(input);
      const fromRedis = await readRedis(name);
      if (fromRedis !== undefined) return { items: fromRedis, source: "redis" };
      const maintained = isMaintainedListing(key);
      let cassandraUp = true;
      if (maintained) {
        try {
          const fromCassandra = await readCassandra(name);
          if (fromCassandra !== undefined) {
            await fillRedis(name, fromCassandra);
            return { items: fromCassandra.slice(0, LISTING_MAX), source: "cassandra" };
          }
        } catch (err) {
          cassandraUp = false;
          log.warn({ err, listing: name }, "Cassandra read failed; listing from Postgres");
        }
      }
      const items = await computeListingFromPostgres(deps.pool, key, now());
      if (!maintained) {
        await writeRedis(name, items, onDemandTtl);
      } else {
        // Cassandra down: serve from Postgres but cache nothing (no copy Cassandra lacks).
        if (cassandraUp) {
          try {
            await cass.replace(ns + name, items);
            await fillRedis(name, items);
          } catch (err) {
            log.warn({ err, listing: name }, "could not write a rebuilt listing back");
          }
        }
      }
      return { items, source: "postgres" };
    },
    async applyChanges(input, changes) {
      const { key, name } = keyOf(input);
      const due = (rewrittenAt.get(name) ?? -Infinity) + LISTING_REWRITE_MS <= now();
      if (due) return rewrite(key, name, changes);
      // Patches into a Cassandra row that lost its marker (truncated, lost) are harmless: such a
      // row is never trusted, and the next rewrite (at most LISTING_REWRITE_MS away) rebuilds it.
      const state = await deps.ring.listingState(listingRedisKey(ns, name), [...changes.keys()]);
      return state === undefined ? rewrite(key, name, changes) : patch(name, state, changes);
    },
  };

  /** When this process last rewrote each listing whole (least recently rewritten first). */
  const rewrittenAt = new Map<string, number>();

  /**
   * The whole path: the current listing from Cassandra (from Postgres when it has no whole row), the
   * changes applied, ranked and pruned to 1000; Cassandra gets the overwrites and deletes, Redis
   * the whole result. Taken when Redis has no copy, and every LISTING_REWRITE_MS per listing.
   */
  async function rewrite(key: ListingKey, name: string, changes: ReadonlyMap<string, ListingEntry | null>): Promise<ListingPatch> {
    await behind?.flushListing(ns + name);
    let current = await cass.read(ns + name);
    const rebuilt = current.length === 0;
    if (rebuilt) current = await computeListingFromPostgres(deps.pool, key, now());
    const result = applyListingChanges(current, changes, LISTING_MAX);
    if (rebuilt) await cass.replace(ns + name, result.items);
    else await cass.write(ns + name, result.upserted, result.removed);
    await writeRedis(name, result.items);
    rewrittenAt.delete(name);
    rewrittenAt.set(name, now());
    if (rewrittenAt.size > TRACKED_MAX) rewrittenAt.delete(rewrittenAt.keys().next().value as string);
    return { upserted: rebuilt ? result.items : result.upserted, removed: result.removed, whole: true };
  }

  /**
   * The patch path, when Redis holds the listing: only the changed members are written. Without
   * write-behind, to Cassandra first (the copy every cache is rebuilt from), then to Redis, which
   * pops what falls past the cap; those go from Cassandra too. With it, to Redis first and the
   * rows queued for Cassandra. A Redis write that does not land leaves the key dirty on the ring
   * (readers skip it until it is deleted), so readers fall back to Cassandra.
   */
  async function patch(name: string, state: ListingState, changes: ReadonlyMap<string, ListingEntry | null>): Promise<ListingPatch> {
    const { upsert, remove } = listingPatchOf(state, changes);
    if (upsert.length === 0 && remove.length === 0) return { upserted: [], removed: [], whole: false };
    await writeRows(name, upsert, remove);
    const popped = await patchRedis(name, upsert, remove);
    return { upserted: upsert, removed: [...remove, ...(popped ?? [])], whole: false };
  }

  /** Patch the Redis copy; what it pops past the cap leaves Cassandra too. */
  async function patchRedis(name: string, upsert: readonly ListingEntry[], remove: readonly string[]): Promise<string[] | undefined> {
    const popped = await deps.ring.patchListing(listingRedisKey(ns, name), { upsert: upsert.map((e) => ({ member: e.fullname, score: e.sort })), remove, cap: LISTING_MAX });
    if (popped === undefined) log.warn({ listing: name }, "listing patch did not reach Redis (readers fall back to Cassandra)");
    else if (popped.length > 0) await writeRows(name, [], popped);
    return popped;
  }

  /** A patch's Cassandra rows: queued for the write-behind when there is one, else written now. */
  async function writeRows(name: string, upsert: readonly ListingEntry[], remove: readonly string[]): Promise<void> {
    if (behind) behind.add(ns + name, upsert, remove);
    else await cass.write(ns + name, upsert, remove);
  }

  /**
   * After a flush: the flushed rows once more into Redis, save those a newer patch has queued
   * again. A reader that missed Redis meanwhile may have filled it from Cassandra before the rows
   * were there; this puts them back (a patch never creates a listing that is not there).
   */
  async function reapply(listing: string, flushed: readonly TimedChange[]): Promise<void> {
    const name = listing.slice(ns.length);
    const current = flushed.filter((c) => !behind?.isPending(listing, c.fullname));
    const upsert = current.flatMap((c) => (c.entry ? [c.entry] : []));
    const remove = current.filter((c) => c.entry === null).map((c) => c.fullname);
    if (upsert.length > 0 || remove.length > 0) await patchRedis(name, upsert, remove);
  }
  return store;
}
