import { listingNamespace } from "./store/namespace.js";
import type { ServiceConfig } from "@hivemind/config";
import { createCacheRing, type CacheRing } from "@hivemind/cache";
import type { LiveConfigDoc } from "@hivemind/core";
import type { Deps } from "@hivemind/db";
import { postgresCommentReader } from "./read/comment-tree.js";
import { postgresListingReader } from "./read/postgres-source.js";
import { withLocalSnapshots } from "./read/local-snapshots.js";
import { createReadPath, type ReadPath } from "./read/read-path.js";
import type { ListingReader } from "./read/skeleton.js";
import { createListingsCassandra } from "./store/cassandra.js";
import { createCommentStore } from "./store/comment-store.js";
import { createListingStore } from "./store/listing-store.js";
import type { CommentStore, ListingStore } from "./store/types.js";

/**
 * The read side of listings as a process needs it (the API and the page renderer build it the
 * same way): the cache ring, the listing and comment stores over Cassandra and the ring, and the
 * read path over them. `destroy()` closes what it opened (Cassandra; the ring if it made it).
 */
export interface ReadServices {
  ring: CacheRing;
  /** The name of the database these services read (the one the pool is connected to). */
  database: string;
  reads: ReadPath;
  listings: ListingStore;
  comments: CommentStore;
  destroy(): Promise<void>;
}

export interface ReadServicesOptions {
  /** A ring of the caller's (fault tests); default one over cfg.redis.nodes, started and destroyed here. */
  ring?: CacheRing;
  /**
   * The skeleton source; default the listing store (Redis → Cassandra → Postgres). "postgres"
   * computes every listing and comment order from Postgres on each read (tests of the read path
   * without a worker).
   */
  skeleton?: ListingReader | "postgres";
  /** Where the Cassandra client connects (fault tests point it at a closed port); default cfg.cassandra. */
  cassandraContactPoint?: string;
  /** Cassandra read timeout; default 1 s (a page waits on it). */
  cassandraReadTimeoutMs?: number;
  /** The live config in force (TTLs, front-page sizes); default the built-in defaults. */
  settings?: () => LiveConfigDoc;
}

export async function createReadServices(deps: Pick<Deps, "db" | "pool" | "now">, cfg: ServiceConfig, opts: ReadServicesOptions = {}): Promise<ReadServices> {
  const ownRing = opts.ring === undefined;
  const ring = opts.ring ?? createCacheRing({ nodes: cfg.redis.nodes });
  if (ownRing) await ring.start();
  // The site's own database uses the worker's names; any other (a test's, a bench's) its own prefix.
  const database = (await deps.pool.query<{ db: string }>("SELECT current_database() AS db")).rows[0]?.db ?? cfg.postgres.database;
  const namespace = listingNamespace(database, cfg);
  const cassandra = createListingsCassandra({
    contactPoint: opts.cassandraContactPoint ?? cfg.cassandra.contactPoint,
    localDataCenter: cfg.cassandra.localDataCenter,
    readTimeoutMs: opts.cassandraReadTimeoutMs ?? 1_000,
  });
  const storeDeps = { pool: deps.pool, ring, cassandra, keyspace: cfg.cassandra.keyspace, namespace, now: deps.now };
  const listings = createListingStore(storeDeps);
  const comments = createCommentStore(storeDeps);
  const noConsumers = opts.skeleton === "postgres";
  // The process-local snapshots and shared pages sit in front of the listing store only: a
  // skeleton of the caller's (a test's, a benchmark baseline's) is read on every request.
  const store = opts.skeleton === undefined;
  const skeleton = opts.skeleton === "postgres" ? postgresListingReader(deps.db, deps.now) : (opts.skeleton ?? withLocalSnapshots(listings));
  const reads = createReadPath({
    db: deps.db,
    ring,
    now: deps.now,
    namespace: database,
    listings: skeleton,
    sharePages: store,
    comments: noConsumers ? postgresCommentReader(comments) : comments,
    ...(opts.settings ? { settings: opts.settings } : {}),
  });
  return {
    ring,
    database,
    reads,
    listings,
    comments,
    async destroy() {
      await cassandra.shutdown();
      if (ownRing) await ring.destroy();
    },
  };
}
