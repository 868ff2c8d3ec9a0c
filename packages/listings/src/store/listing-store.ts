import type cassandra from "cassandra-driver";
import type pg from "pg";
import type { CacheRing } from "@hivemind/cache";
import {
  LISTING_MAX,
  applyListingChanges,
  createdMsOf,
  formatListingKey,
  isMaintainedListing,
  parseListingKey,
  rankEntries,
  type ListingChangeResult,
  type ListingEntry,
  type ListingKey,
} from "@hivemind/core";
import { CassandraListings } from "./cassandra.js";
import { storeLog as log } from "./logger.js";
import { computeListingFromPostgres } from "./postgres.js";
import type { ListingItem, ListingKeyInput, ListingStore } from "./types.js";

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
   * Apply coalesced changes to one listing (the consumer's write): the current listing from
   * Cassandra (rebuilt from Postgres when it has no row), the changes applied, ranked and pruned
   * to 1000; Cassandra gets the overwrites and deletes, Redis the whole result. Throws when
   * Cassandra is down (the consumer retries the batch).
   */
  applyChanges(key: ListingKeyInput, changes: ReadonlyMap<string, ListingEntry | null>): Promise<ListingChangeResult>;
  /** Write a whole listing to both stores (rebuilds, the scheduler). */
  writeWhole(key: ListingKeyInput, items: readonly ListingEntry[]): Promise<void>;
  readonly cassandraListings: CassandraListings;
}

export function createListingStore(deps: ListingStoreDeps): ListingStoreWriter {
  const ns = deps.namespace ?? "";
  const now = deps.now ?? Date.now;
  const onDemandTtl = deps.onDemandTtlSeconds ?? 60;
  const cass = new CassandraListings(deps.cassandra, deps.keyspace);

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

  async function writeWhole(key: ListingKeyInput, items: readonly ListingEntry[]): Promise<void> {
    const { name } = keyOf(key);
    const ranked = rankEntries(items, LISTING_MAX);
    await cass.replace(ns + name, ranked);
    await writeRedis(name, ranked);
  }

  const store: ListingStoreWriter = {
    cassandraListings: cass,
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
            await writeRedis(name, fromCassandra);
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
            await writeRedis(name, items);
          } catch (err) {
            log.warn({ err, listing: name }, "could not write a rebuilt listing back");
          }
        }
      }
      return { items, source: "postgres" };
    },
    async applyChanges(input, changes) {
      const { key, name } = keyOf(input);
      let current = await cass.read(ns + name);
      // No row (a new listing, or Cassandra lost it): start from Postgres and write it whole.
      const rebuilt = current.length === 0;
      if (rebuilt) current = await computeListingFromPostgres(deps.pool, key, now());
      const result = applyListingChanges(current, changes, LISTING_MAX);
      const unchanged = !rebuilt && result.upserted.length === 0 && result.removed.length === 0;
      if (rebuilt) await cass.write(ns + name, result.items, []);
      else await cass.write(ns + name, result.upserted, result.removed);
      if (!unchanged || (await deps.ring.zrevrange(listingRedisKey(ns, name), 0, 0)) === undefined) {
        await writeRedis(name, result.items);
      }
      return result;
    },
  };
  return store;
}
