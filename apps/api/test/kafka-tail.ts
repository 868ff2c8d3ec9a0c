import { randomUUID } from "node:crypto";
import type { Kafka } from "kafkajs";
import { EVENT_ID_HEADER } from "@hivemind/queue";

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

/**
 * Reads the event ids (the `event-id` header) of every message at or after
 * `from` until `done` says enough or the timeout passes. Duplicates are kept:
 * callers count them.
 */
export async function collectEventIds(
  kafka: Kafka,
  topic: string,
  from: Map<number, string>,
  done: (ids: string[]) => boolean,
  timeoutMs = 30_000,
): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `test-tail-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const ids: string[] = [];
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
      const id = message.headers?.[EVENT_ID_HEADER]?.toString();
      if (id) ids.push(id);
      if (done(ids)) finish();
    },
  });
  const timer = setTimeout(finish, timeoutMs);
  await finished;
  clearTimeout(timer);
  await consumer.disconnect();
  return ids;
}
