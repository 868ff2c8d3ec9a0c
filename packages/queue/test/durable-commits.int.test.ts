import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TOPICS } from "@hivemind/core";
import { createEventConsumer, createEventProducer, createKafka, type EventConsumer, type EventProducer, type PartitionBatch, type StartOffsets } from "../src/index.js";
import { publishCommentTriggers } from "./comment-triggers.js";

// The consumer harness's `durable` hook (the listings consumer's write-behind) on the real broker:
// handled batches are not committed until the hook resolves, so a consumer that dies before it
// does leaves them to be delivered again; once it resolves, the offsets land.

const kafka = createKafka("durable-commits-test");
const topic = TOPICS.commentUpdates;
const groupId = `durable-commits-test-${randomUUID()}`;
const runId = BigInt(Date.now()) * 1000n + 500n;
let producer: EventProducer;
let start: StartOffsets;
const handled: string[] = [];
let gate: { open: () => void; opened: Promise<void> };

function closedGate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

function consumerOfGroup(): EventConsumer {
  return createEventConsumer({
    kafka,
    groupId,
    topics: [topic],
    partitionsAtOnce: "all",
    handleBatch: async (batch: PartitionBatch) => {
      for (const e of batch.events) if (e.event.type === "comments.update") handled.push(e.event.data.thing);
    },
    durable: () => gate.opened,
    park: async () => undefined,
    startAt: async () => start,
  });
}


/** The group's committed offsets, summed over partitions, and the topic's ends the same way. */
async function committedAndEnd(): Promise<{ committed: bigint; end: bigint }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const ends = await admin.fetchTopicOffsets(topic);
    const committed = (offsets?.partitions ?? []).reduce((sum, p) => sum + (p.offset === "-1" ? BigInt(start[topic]?.[String(p.partition)] ?? "0") : BigInt(p.offset)), 0n);
    return { committed, end: ends.reduce((sum, p) => sum + BigInt(p.high), 0n) };
  } finally {
    await admin.disconnect();
  }
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  start = { [topic]: Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((p) => [String(p.partition), p.high])) };
  await admin.disconnect();
  producer = createEventProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
});

it("commits nothing handled until durable() resolves; a consumer that dies first leaves it to be delivered again", async () => {
  gate = closedGate();
  const first = consumerOfGroup();
  await first.start();
  const sent = await publishCommentTriggers(producer, runId, 0, 24, 6);
  expect(await until(() => sent.every((t) => handled.includes(t)), 30_000)).toBe(true);
  // Handled, not durable: the group's offsets have not moved.
  const before = await committedAndEnd();
  expect(before.end - before.committed).toBeGreaterThanOrEqual(24n);
  // Dies without its writes becoming durable (no stop(): nothing waits, nothing commits).
  await first.consumer.disconnect();

  handled.length = 0;
  gate = closedGate();
  const second = consumerOfGroup();
  await second.start();
  try {
    // Delivered again, and committed once durable.
    expect(await until(() => sent.every((t) => handled.includes(t)), 30_000)).toBe(true);
    gate.open();
    expect(await until(async () => {
      const now = await committedAndEnd();
      return now.committed === now.end;
    }, 15_000)).toBe(true);
  } finally {
    await second.stop();
  }
}, 90_000);
