import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatFullname, TOPICS } from "@hivemind/core";
import { turnBatchedWork } from "@hivemind/db";
import { createEventConsumer, createEventProducer, createKafka, type EventConsumer, type EventProducer, type ParkedMessage, type PartitionBatch } from "@hivemind/queue";
import { publishCommentTriggers } from "../../../packages/queue/test/comment-triggers.js";
import { eventually } from "./fixtures/world.js";

// The consumer harness with the worker's merged turns (turnBatchedWork), on the real broker: an
// event the handler fails on every time is parked and its partition, and every other, moves on;
// an outage's failure is retried until it passes and parks nothing.

const kafka = createKafka("poison-test");
const topic = TOPICS.commentUpdates;
const runId = BigInt(Date.now()) * 1000n;
const POISON = formatFullname("t1", runId + 15n);
let producer: EventProducer;
let consumer: EventConsumer;
const handled: string[] = [];
const parked: ParkedMessage[] = [];
let outages = 0;

const thingOf = (batch: PartitionBatch) => batch.events.map((e) => (e.event.type === "comments.update" ? e.event.data.thing : ""));

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  // Only this run's messages: the group starts at the topic's end now.
  const ends = Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((p) => [String(p.partition), p.high]));
  await admin.disconnect();
  consumer = createEventConsumer({
    kafka,
    groupId: `poison-test-${randomUUID()}`,
    topics: [topic],
    partitionsAtOnce: "all",
    handleBatch: turnBatchedWork(async (batches: readonly PartitionBatch[]) => {
      const things = batches.flatMap(thingOf);
      if (things.includes(POISON)) throw new RangeError("this one cannot be taken");
      if (outages > 0) {
        outages--;
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
      }
      handled.push(...things);
    }),
    park: async (m) => {
      parked.push(m);
    },
    startAt: async () => ({ [topic]: ends }),
  });
  await consumer.start();
  producer = createEventProducer(kafka);
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await consumer?.stop();
});

const publish = (from: number, to: number) => publishCommentTriggers(producer, runId, from, to, 10);

it("parks the one event its handler fails on every time; the rest of its partition and every other partition are handled, in order", async () => {
  const sent = await publish(0, 30);
  const others = sent.filter((t) => t !== POISON);
  expect(await eventually(async () => others.every((t) => handled.includes(t)) && parked.length === 1, 30_000)).toBe(true);
  expect(parked[0]).toMatchObject({ topic, key: formatFullname("t3", runId + 5n), error: "handler failed: this one cannot be taken" });
  expect(JSON.parse(parked[0]!.value!)).toMatchObject({ data: { thing: POISON } });
  expect(handled).not.toContain(POISON);
  // Within a post (one partition) the events were handled in the order they were published.
  for (let post = 0; post < 10; post++) {
    const mine = sent.filter((t, i) => i % 10 === post && t !== POISON);
    const firstSeen = mine.map((t) => handled.indexOf(t));
    expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
  }
});

it("retries an outage's failures until they pass, and parks nothing for them", async () => {
  outages = 3;
  const sent = await publish(100, 110);
  expect(await eventually(async () => sent.every((t) => handled.includes(t)), 60_000)).toBe(true);
  expect(outages).toBe(0);
  expect(parked).toHaveLength(1);
});
