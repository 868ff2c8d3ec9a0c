import type { Pool } from "pg";
import { createPool, loadEventSource } from "@hivemind/db";
import { config, type ServiceConfig } from "@hivemind/config";
import type { AppCoordination } from "@hivemind/coord";
import { TOPICS } from "@hivemind/core";
import { createEventConsumer, createEventProducer, createKafka, type EventConsumer, type StartOffsets } from "@hivemind/queue";
import { createOutboxRelay, type OutboxRelay } from "./relay.js";
import { startCacheSentinel, type CacheSentinel } from "./sentinel.js";
import { invalidateThingCache } from "@hivemind/listings";
import { createTally, TALLY_GROUP } from "./tally.js";
import { recountUncounted } from "@hivemind/tally";
import { createListingRoles, type ListingRole, type ListingRoles, type ListingRolesOptions } from "./listing-roles.js";
import { parkInPostgres } from "./parking.js";
import { loadEventOrigin, recordEventOrigin } from "./event-origin.js";
import { workerLog as log } from "./logger.js";

export interface WorkerOptions {
  cfg?: ServiceConfig;
  databaseUrl?: string;
  /** Which parts to run (default relay and tally): one process or one per role. "sentinel" is the cache sentinel (ZooKeeper-elected). */
  roles?: readonly ("relay" | "tally" | "sentinel" | ListingRole)[];
  /** The listing roles' stores and election (tests: own keyspace, name prefix, ring, ZooKeeper). */
  listings?: Pick<ListingRolesOptions, "keyspace" | "namespace" | "ring" | "coord" | "groupSuffix" | "fromLatest">;
  /** Consumer group for the tally; default `tally@<database name>`. */
  tallyGroup?: string;
  /** Start a new tally group at the end of the topics (tests). */
  tallyFromLatest?: boolean;
  /** The process's coordination (main.ts starts it): the sentinel shares its session and live config. */
  coordination?: AppCoordination;
}

export interface Worker {
  start(): Promise<void>;
  destroy(): Promise<void>;
  readonly pool: Pool;
  readonly relay: OutboxRelay | undefined;
  readonly listings: ListingRoles;
}

/** The worker process: the outbox relay and the tally consumer, with their lifecycle. */
export function createWorker(opts: WorkerOptions = {}): Worker {
  const cfg = opts.cfg ?? config();
  const roles = new Set(opts.roles ?? ["relay", "tally"]);
  const databaseUrl = opts.databaseUrl ?? cfg.postgres.url;
  const pool = createPool({ url: databaseUrl, applicationName: "hivemind-worker", max: 8 });
  const kafka = createKafka("hivemind-worker", cfg);
  const producer = roles.has("relay") ? createEventProducer(kafka) : undefined;
  let tally: EventConsumer | undefined;
  let sentinel: CacheSentinel | undefined;
  const database = new URL(databaseUrl).pathname.slice(1);
  // Read once, after start() recorded it, for every consumer of this process.
  let origin: Promise<StartOffsets | null> | undefined;
  const eventOrigin = () => (origin ??= loadEventOrigin(pool, kafka));
  let source: Promise<string | null> | undefined;
  const eventSource = () => (source ??= loadEventSource(pool));
  const relay = producer ? createOutboxRelay({ pool, producer, source: eventSource }) : undefined;
  const listings = createListingRoles({ cfg, pool, kafka, roles, database, coordination: opts.coordination, eventOrigin, eventSource, ...opts.listings });
  if (roles.has("tally")) {
    // One group per database: workers serving different databases (a test run
    // beside the dev site) must not split one group's partitions between them.
    const groupId = opts.tallyGroup ?? `${TALLY_GROUP}@${new URL(databaseUrl).pathname.slice(1)}`;
    tally = createEventConsumer({
      kafka,
      groupId,
      topics: [TOPICS.votes, TOPICS.things],
      // After each commit the tally deletes the changed things' t: entries, so scores show fresh.
      handleBatch: createTally(pool, groupId, { invalidateThings: (names) => invalidateThingCache(listings.ring, names) }).handleBatch,
      park: parkInPostgres(pool),
      // Every partition at once: the batches handed over together are one transaction (createTally);
      // taken one after another, each waited for every other partition's transaction.
      partitionsAtOnce: "all",
      fromBeginning: !opts.tallyFromLatest,
      ...(opts.tallyFromLatest ? {} : { startAt: eventOrigin }),
      source: eventSource,
    });
  }

  // The broker's logs were replaced: votes and comments whose events were in them are counted
  // from their rows (the tally beside it is safe: a vote is counted once either way).
  async function recountAfterLostEvents(): Promise<void> {
    const result = await recountUncounted(pool, { invalidateThings: (names) => invalidateThingCache(listings.ring, names) });
    log.warn(result, "the Kafka cluster changed: counted the votes and comments its lost events named");
    // Listings are caches the triggers of lost events never reached; rebuilding all of them is an ops call.
    log.warn("listings and comment orders may lack what the lost events changed: run `npm run ops -- listings rebuild --all`");
  }

  return {
    pool,
    relay,
    listings,
    async start() {
      let eventsLost = false;
      if (producer && relay) {
        // Before the first publish: this database's consumers begin where its events do.
        eventsLost = await recordEventOrigin(pool, kafka, Object.values(TOPICS));
        await producer.connect();
        await relay.start();
        log.info("outbox relay started");
      }
      // The listing roles start the ring the tally's cache deletes go through.
      await listings.start();
      if (eventsLost) await recountAfterLostEvents();
      if (tally) {
        await tally.start();
        log.info("tally consumer started");
      }
      if (roles.has("sentinel")) {
        sentinel = await startCacheSentinel(cfg, opts.coordination);
        log.info("cache sentinel started");
      }
    },
    async destroy() {
      await sentinel?.stop();
      await tally?.stop();
      await listings.stop();
      await relay?.stop();
      await producer?.disconnect();
      await pool.end();
    },
  };
}
