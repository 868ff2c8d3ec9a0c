import { randomUUID } from "node:crypto";
import type { Kafka } from "kafkajs";
import { EVENT_ID_HEADER } from "../src/index.js";

/** Each partition's end offset now: where messages produced from now on will land. */
export async function topicEnd(kafka: Kafka, topic: string): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, o.high]));
  } finally {
    await admin.disconnect();
  }
}

/** A message's headers, decoded as UTF-8. */
export type MessageHeaders = Record<string, string | undefined>;

/**
 * Reads every message of `topic` at or after `from` (a fresh consumer group of its own) and
 * hands its headers to `enough` until it says so or the timeout passes.
 */
export async function tailTopic(kafka: Kafka, topic: string, from: Map<number, string>, enough: (headers: MessageHeaders) => boolean, timeoutMs = 30_000): Promise<void> {
  const consumer = kafka.consumer({ groupId: `test-tail-${randomUUID()}`, maxWaitTimeInMs: 100 });
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => {
    for (const [partition, offset] of from) consumer.seek({ topic, partition, offset });
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      if (BigInt(message.offset) < BigInt(from.get(partition) ?? "0")) return;
      const headers: MessageHeaders = {};
      for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = value?.toString();
      if (enough(headers)) finish();
    },
  });
  const timer = setTimeout(finish, timeoutMs);
  try {
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

/**
 * The event ids (the `event-id` header) of every message at or after `from` until `done` says
 * enough or the timeout passes. Duplicates are kept: callers count them.
 */
export async function collectEventIds(kafka: Kafka, topic: string, from: Map<number, string>, done: (ids: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
  const ids: string[] = [];
  await tailTopic(
    kafka,
    topic,
    from,
    (headers) => {
      const id = headers[EVENT_ID_HEADER];
      if (id) ids.push(id);
      return done(ids);
    },
    timeoutMs,
  );
  return ids;
}
