import type { Pool } from "pg";
import { loadEventSource, withTransaction } from "@hivemind/db";
import type { EventProducer } from "@hivemind/queue";
import { relayLog as log } from "./logger.js";

export interface RelayOptions {
  pool: Pool;
  producer: EventProducer;
  /** Rows claimed per round trip. */
  batchSize?: number;
  /** Poll interval while the outbox is empty. */
  idleMs?: number;
  /**
   * Fault-injection seam for tests: runs after Kafka acknowledged a batch and
   * before its rows are deleted, the window in which a crash duplicates events.
   */
  afterPublish?: (published: number) => void | Promise<void>;
  /** The database's mark for every event published (the worker's, read once); default read here. */
  source?: () => Promise<string | null>;
}

export interface OutboxRelay {
  start(): Promise<void>;
  /** Runs one claim → publish → delete round; returns how many events it published. */
  drainOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  key: string;
  payload: unknown;
}

/**
 * The transactional-outbox relay. Each round claims the oldest rows with
 * FOR UPDATE SKIP LOCKED, publishes them with acks=all, and deletes them in
 * the same transaction that claimed them. A crash after publish and before
 * commit leaves the rows in place, so they are published again: Kafka may see
 * an event twice, always with the same event id, and consumers are idempotent.
 * Run one relay per database: a second relay keeps events safe but may publish
 * a key's events out of order. It polls (every idleMs while the outbox is
 * empty, at once while it is full) rather than LISTENing: NOTIFY would put a
 * global lock on every writer's commit.
 */
export function createOutboxRelay(opts: RelayOptions): OutboxRelay {
  const batchSize = opts.batchSize ?? 500;
  const idleMs = opts.idleMs ?? 100;
  let running = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let ownSource: Promise<string | null> | undefined;
  const source = opts.source ?? (() => (ownSource ??= loadEventSource(opts.pool)));

  // One attempt: a failed round leaves its rows in the outbox, and the loop retries it.
  function drainOnce(): Promise<number> {
    return withTransaction(
      opts.pool,
      async (client) => {
        const { rows } = await client.query<OutboxRow>(
          "SELECT id, event_id, topic, key, payload FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED",
          [batchSize],
        );
        if (rows.length === 0) return 0;
        await opts.producer.publish(
          rows.map((r) => ({ eventId: r.event_id, topic: r.topic, key: r.key, payload: r.payload })),
          { source: await source() },
        );
        await opts.afterPublish?.(rows.length);
        await client.query("DELETE FROM outbox WHERE id = ANY($1::bigint[])", [rows.map((r) => r.id)]);
        return rows.length;
      },
      1,
    );
  }

  async function run() {
    while (running) {
      let published = 0;
      try {
        published = await drainOnce();
        if (published > 0) log.debug({ published }, "relayed outbox events");
      } catch (err) {
        log.warn({ err }, "relay round failed; events stay in the outbox and are retried");
      }
      if (published < batchSize && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, published === 0 ? idleMs : 0);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    drainOnce,
    async start() {
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
