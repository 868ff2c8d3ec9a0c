import type pg from "pg";
import type { Kafka } from "kafkajs";
import type { ServiceConfig } from "@hivemind/config";
import { createCacheRing, type CacheRing } from "@hivemind/cache";
import { bindRing, type AppCoordination, type Coord } from "@hivemind/coord";
import { TOPICS } from "@hivemind/core";
import { createCommentStore, createListingStore, createListingsCassandra, listingNamespace, type CommentStoreWriter, type ListingStoreWriter } from "@hivemind/listings/store";
import { createEventConsumer, type EventConsumer, type StartOffsets } from "@hivemind/queue";
import { createCommentsConsumer, COMMENTS_GROUP } from "./comments-consumer.js";
import { createListingsConsumer, LISTINGS_GROUP } from "./listings-consumer.js";
import { workerLog as log } from "./logger.js";
import { parkInPostgres } from "./parking.js";
import { startScheduler } from "./scheduler.js";

export type ListingRole = "listings" | "comments" | "scheduler";

/**
 * The listings consumer's Cassandra writes are coalesced over this long (the store's
 * write-behind): Redis, which readers read, is patched at once; Cassandra, the copy Redis is
 * rebuilt from, trails it by up to this much, and the consumer's offsets by as much again.
 */
export const LISTINGS_WRITE_BEHIND_MS = 3_000;

export interface ListingRolesOptions {
  cfg: ServiceConfig;
  pool: pg.Pool;
  kafka: Kafka;
  roles: ReadonlySet<string>;
  /** Database name: consumer groups are `listings@<db>` and `comments@<db>`. */
  database: string;
  /** Cassandra keyspace (default cfg.cassandra.keyspace) and listing-name prefix (default listingNamespace(database)). */
  keyspace?: string;
  namespace?: string;
  /** A cache ring to use (tests); default one over cfg.redis.nodes, bound to ZooKeeper's ring. */
  ring?: CacheRing;
  coordination?: AppCoordination;
  /** ZooKeeper for the scheduler's election when there is no AppCoordination. */
  coord?: Coord;
  groupSuffix?: string;
  /** New consumer groups start at the end of their topics (tests). */
  fromLatest?: boolean;
  /** The database's event origin (the worker's, read once): where its consumers may begin. */
  eventOrigin: () => Promise<StartOffsets | null>;
  /** The database's mark (loadEventSource): the consumers skip other databases' events. */
  eventSource: () => Promise<string | null>;
}

export interface ListingRoles {
  /** The cache ring the stores write (started with the roles, or for the tally's and the recount's thing cache deletes). */
  readonly ring: CacheRing;
  readonly listingStore: ListingStoreWriter;
  readonly commentStore: CommentStoreWriter;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The worker's listing side: the listings and comments consumers and the scheduler. */
export function createListingRoles(opts: ListingRolesOptions): ListingRoles {
  const ownRing = opts.ring === undefined;
  const ring = opts.ring ?? createCacheRing({ nodes: opts.cfg.redis.nodes });
  const cassandra = createListingsCassandra({ contactPoint: opts.cfg.cassandra.contactPoint, localDataCenter: opts.cfg.cassandra.localDataCenter, readTimeoutMs: 10_000 });
  const keyspace = opts.keyspace ?? opts.cfg.cassandra.keyspace;
  const ns = opts.namespace ?? listingNamespace(opts.database, opts.cfg);
  const listingStore = createListingStore({ pool: opts.pool, ring, cassandra, keyspace, namespace: ns, writeBehindMs: LISTINGS_WRITE_BEHIND_MS });
  const commentStore = createCommentStore({ pool: opts.pool, ring, cassandra, keyspace, namespace: ns });
  const suffix = opts.groupSuffix ?? "";
  const consumers: EventConsumer[] = [];
  const ownEvents = { ...(opts.fromLatest ? {} : { startAt: opts.eventOrigin }), source: opts.eventSource };
  if (opts.roles.has("listings")) {
    const listingsConsumer = createEventConsumer({
      kafka: opts.kafka,
      groupId: `${LISTINGS_GROUP}@${opts.database}${suffix}`,
      topics: [TOPICS.listingUpdates],
      handleBatch: createListingsConsumer({ pool: opts.pool, store: listingStore }).handleBatch,
      // Offsets are committed once the batch's Cassandra rows are written (write-behind).
      durable: () => listingStore.durable(),
      // Every partition at once, handled together per turn; an owner's triggers all come through
      // its one partition, so each listing still has one writer at a time.
      partitionsAtOnce: "all",
      park: parkInPostgres(opts.pool),
      fromBeginning: !opts.fromLatest,
      ...ownEvents,
    });
    listingsConsumer.consumer.on(listingsConsumer.consumer.events.GROUP_JOIN, () => listingStore.partitionsAssigned());
    consumers.push(listingsConsumer);
  }
  if (opts.roles.has("comments")) {
    consumers.push(
      createEventConsumer({
        kafka: opts.kafka,
        groupId: `${COMMENTS_GROUP}@${opts.database}${suffix}`,
        topics: [TOPICS.commentUpdates],
        handleBatch: createCommentsConsumer({ pool: opts.pool, store: commentStore }).handleBatch,
        park: parkInPostgres(opts.pool),
        fromBeginning: !opts.fromLatest,
        ...ownEvents,
      }),
    );
  }
  let scheduler: { stop(): Promise<void> } | undefined;
  let unbind: (() => void) | undefined;
  return {
    ring,
    listingStore,
    commentStore,
    async start() {
      // The tally's thing cache deletes and the relay's recount (after lost events) use the ring too.
      if (consumers.length === 0 && !["scheduler", "tally", "relay"].some((r) => opts.roles.has(r))) return;
      if (ownRing) {
        await ring.start();
        if (opts.coordination) unbind = bindRing(await opts.coordination.ring(), ring);
      }
      for (const c of consumers) await c.start();
      if (consumers.length > 0) log.info({ consumers: consumers.length }, "listing consumers started");
      const coord = opts.coordination?.coord ?? opts.coord;
      if (opts.roles.has("scheduler") && coord) {
        const live = opts.coordination?.live;
        scheduler = startScheduler({ pool: opts.pool, store: listingStore, coord, intervalSeconds: () => live?.current().scheduler.intervalSeconds ?? 300 });
        log.info("listing scheduler standing for election");
      }
    },
    async stop() {
      await scheduler?.stop();
      for (const c of consumers) await c.stop();
      await listingStore.close();
      unbind?.();
      if (ownRing) await ring.destroy();
      await cassandra.shutdown();
    },
  };
}
