import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from "kafkajs";
import { isHivemindError, parseEvent, TOPIC_PARTITIONS, type HivemindEvent } from "@hivemind/core";
import { EVENT_SOURCE_HEADER } from "./headers.js";
import { log } from "./logger.js";

export interface ConsumedEvent {
  event: HivemindEvent;
  key: string;
  offset: string;
}

export interface PartitionBatch {
  topic: string;
  partition: number;
  events: ConsumedEvent[];
  /** The offset after the last message of this batch: what a consumer stores as done. */
  nextOffset: string;
}

/**
 * A message set aside for ops, never retried, never fatal: one that failed its schema, or one its
 * handler fails on in a way that will repeat (isRepeatableFailure).
 */
export interface ParkedMessage {
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  error: string;
}

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  /** Applies one partition's batch. Must be idempotent: Kafka delivers at least once. */
  handleBatch(batch: PartitionBatch): Promise<void>;
  park(message: ParkedMessage): Promise<void>;
  /** Upper bound on events handed to handleBatch at once. */
  maxBatch?: number;
  /** A new group starts at the earliest offset (default) or only sees new messages. */
  fromBeginning?: boolean;
  /**
   * Partitions handled at once (default 1; "all": every partition of the topics). A partition's
   * batches stay in order; different partitions' run side by side, as in two consumers of the group.
   */
  partitionsAtOnce?: number | "all";
  /**
   * The earliest offsets this group may read (its database's event origin), or null when unknown.
   * Read once at start. A partition read from before its origin (a new group from the beginning,
   * or offsets an earlier database of the same name committed) jumps to it unhandled: what lies
   * before was published by other databases on the same broker.
   */
  startAt?: () => Promise<StartOffsets | null>;
  /**
   * This group's database's mark (loadEventSource), read once at start. A message whose
   * `event-source` header names another database is skipped undecoded, its offset passed; one with
   * no header (published by a tool, or before the mark existed) is handled as any other.
   */
  source?: () => Promise<string | null>;
  /**
   * For a handler whose writes become durable after it returns (the listings consumer's
   * write-behind): resolves once everything handled so far is durable. Offsets are then committed
   * only after it, so a crash redelivers what was handled but not yet durable.
   */
  durable?: () => Promise<void>;
}

/** Per topic, per partition number: an offset. */
export type StartOffsets = Record<string, Record<string, string>>;

export interface EventConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly consumer: Consumer;
}

/** How long stop() waits for the last durable commits. */
const STOP_COMMIT_WAIT_MS = 10_000;

function nextOffsetOf(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

type Decoded = { parked: ParkedMessage; consumed?: undefined } | { consumed: ConsumedEvent; parked?: undefined };

function decode(groupId: string, topic: string, partition: number, message: KafkaMessage): Decoded {
  const value = message.value?.toString("utf8") ?? null;
  const key = message.key?.toString("utf8") ?? null;
  const park = (error: string): Decoded => ({ parked: { groupId, topic, partition, offset: message.offset, key, value, error } });
  let json: unknown;
  try {
    json = value === null ? null : JSON.parse(value);
  } catch {
    return park("value is not JSON");
  }
  const parsed = parseEvent(json);
  if (!parsed.ok) {
    const where = parsed.error.field ? ` (${parsed.error.field})` : "";
    return park(parsed.error.message + where);
  }
  return { consumed: { event: parsed.event, key: key ?? "", offset: message.offset } };
}

/**
 * A handler failure that will fail the same way on every delivery: a bug or data the code cannot
 * take (a JS RangeError/TypeError/SyntaxError, a refused-input HivemindError, a Postgres data
 * exception or constraint violation, SQLSTATE classes 22 and 23). Anything else (a connection
 * refused, a timeout, a deadlock, a node down) is an outage and is retried until it passes.
 */
export function isRepeatableFailure(err: unknown): boolean {
  if (err instanceof RangeError || err instanceof TypeError || err instanceof SyntaxError) return true;
  if (isHivemindError(err)) return err.status < 500;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^2[23][0-9A-Z]{3}$/.test(code);
}

/**
 * The consumer harness every worker uses: schema-checks each message, parks the
 * malformed ones, hands the rest to the handler in partition-ordered chunks and
 * commits Kafka offsets only after the handler succeeded.
 *
 * A chunk whose handler fails in a way that will repeat is handed over again one event at a
 * time, in order, and the events that still fail so are parked: one event the code cannot take
 * must not hold its partition (and, with the tally, every vote behind it) for ever. An outage's
 * failure is thrown, and Kafka redelivers from the first event not handled.
 */
export function createEventConsumer(opts: EventConsumerOptions): EventConsumer {
  const maxBatch = opts.maxBatch ?? 500;
  const consumer = opts.kafka.consumer({
    groupId: opts.groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    maxWaitTimeInMs: 250,
  });
  const durable = opts.durable;
  /** Commits waiting for `durable` (in order: each waits for the one before). */
  let commits: Promise<void> = Promise.resolve();
  /** eachBatch calls in progress (stop waits for them before the last commits). */
  const active = new Set<Promise<void>>();

  /** Commit `offset` for a partition once what was handled before it is durable. */
  function commitWhenDurable(topic: string, partition: number, offset: string): void {
    if (!durable) return;
    const done = durable();
    commits = commits
      .then(() => done)
      .then(() => consumer.commitOffsets([{ topic, partition, offset }]))
      .catch((err: unknown) => {
        // Rebalanced away or disconnected: whoever consumes the partition next redelivers from the last commit.
        log.warn({ groupId: opts.groupId, topic, partition, offset, err }, "offset commit after durable writes failed");
      });
  }

  /** Resolves once the group has joined and partitions are assigned. */
  async function start(): Promise<void> {
    const joined = new Promise<void>((resolve) => {
      const off = consumer.on(consumer.events.GROUP_JOIN, () => {
        off();
        resolve();
      });
    });
    const origin = (await opts.startAt?.()) ?? null;
    const source = (await opts.source?.()) ?? null;
    const foreign = (message: KafkaMessage): boolean => {
      const mark = message.headers?.[EVENT_SOURCE_HEADER];
      return source !== null && mark !== undefined && String(mark) !== source;
    };
    await consumer.connect();
    await consumer.subscribe({ topics: opts.topics, fromBeginning: opts.fromBeginning ?? true });
    await consumer.run({
      partitionsConsumedConcurrently: opts.partitionsAtOnce === "all" ? TOPIC_PARTITIONS * opts.topics.length : (opts.partitionsAtOnce ?? 1),
      autoCommit: !durable,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const run = eachBatch(payload);
        active.add(run);
        try {
          await run;
        } finally {
          active.delete(run);
        }
      },
    });
    await joined;

    async function eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
      const from = origin?.[batch.topic]?.[String(batch.partition)];
      if (from !== undefined && batch.messages.length > 0 && BigInt(batch.firstOffset() ?? "0") < BigInt(from)) {
        consumer.seek({ topic: batch.topic, partition: batch.partition, offset: from });
        // Without auto-commit the seek is not committed by itself: the group must not stay before its origin.
        commitWhenDurable(batch.topic, batch.partition, from);
        log.info({ groupId: opts.groupId, topic: batch.topic, partition: batch.partition, offset: from }, "skipped to this database's event origin");
        return;
      }
      let chunk: ConsumedEvent[] = [];
      let chunkEnd: string | undefined;
      const handle = (events: ConsumedEvent[], last: string) => opts.handleBatch({ topic: batch.topic, partition: batch.partition, events, nextOffset: nextOffsetOf(last) });
      const handleOrPark = async (events: ConsumedEvent[], last: string) => {
        try {
          return await handle(events, last);
        } catch (err) {
          if (!isRepeatableFailure(err)) throw err;
        }
        for (const e of events) {
          try {
            await handle([e], e.offset);
          } catch (err) {
            if (!isRepeatableFailure(err)) throw err;
            const error = `handler failed: ${err instanceof Error ? err.message : String(err)}`;
            log.error({ groupId: opts.groupId, topic: batch.topic, partition: batch.partition, offset: e.offset, key: e.key, type: e.event.type, err }, "parked an event its handler fails on every time");
            await opts.park({ groupId: opts.groupId, topic: batch.topic, partition: batch.partition, offset: e.offset, key: e.key, value: JSON.stringify(e.event), error });
          }
          resolveOffset(e.offset);
        }
      };
      const flush = async () => {
        if (chunkEnd === undefined) return;
        if (chunk.length > 0) await handleOrPark(chunk, chunkEnd);
        resolveOffset(chunkEnd);
        if (durable) commitWhenDurable(batch.topic, batch.partition, nextOffsetOf(chunkEnd));
        else await commitOffsetsIfNecessary();
        await heartbeat();
        chunk = [];
        chunkEnd = undefined;
      };
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        chunkEnd = message.offset;
        if (foreign(message)) continue;
        const decoded = decode(opts.groupId, batch.topic, batch.partition, message);
        if (decoded.parked) {
          log.warn({ ...decoded.parked, value: undefined }, "parked a message that failed its schema");
          await opts.park(decoded.parked);
        } else {
          chunk.push(decoded.consumed);
        }
        if (chunk.length >= maxBatch) await flush();
      }
      await flush();
    }
  }

  return {
    consumer,
    start,
    async stop() {
      if (durable) {
        // Stop taking batches, let the handled ones become durable and their offsets land (a
        // stopped consumer cannot commit), then leave. Past the wait, the rest is redelivered.
        try {
          consumer.pause(opts.topics.map((topic) => ({ topic })));
        } catch {
          // Never ran (pause needs a running consumer): nothing handled, nothing to commit.
        }
        await Promise.allSettled([...active]);
        await Promise.race([commits, new Promise((r) => setTimeout(r, STOP_COMMIT_WAIT_MS).unref())]);
      }
      await consumer.disconnect();
    },
  };
}
