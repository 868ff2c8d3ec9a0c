import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import type { Admin, Kafka } from "kafkajs";
import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import { TOPIC_PARTITIONS, TOPICS } from "@hivemind/core";
import { createKafka, EVENT_ID_HEADER, EVENT_SOURCE_HEADER, type StartOffsets } from "@hivemind/queue";
import { loadEventSource } from "@hivemind/db";
import { createWorker, type Worker } from "../src/index.js";
import { loadEventOrigin, recordEventOrigin } from "../src/event-origin.js";
import { buildWorld, castVote, eventually, type World } from "./fixtures/world.js";
import { tailTopic, topicEnd } from "../../../packages/queue/test/kafka-tail.js";

let database: TestDatabase | undefined;
let world: World | undefined;
let worker: Worker | undefined;
let admin: Admin | undefined;
let kafka: Kafka | undefined;

afterAll(async () => {
  await worker?.destroy();
  await admin?.disconnect();
  await world?.deps.destroy();
  await database?.drop();
});

const TALLY_TOPICS = [TOPICS.votes, TOPICS.things];

/** A group's committed offset on each partition of a topic (-1: none). */
async function committed(a: Admin, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const [t] = await a.fetchOffsets({ groupId, topics: [topic] });
  return new Map((t?.partitions ?? []).map((p) => [p.partition, p.offset === "-1" ? -1n : BigInt(p.offset)]));
}

it("a new database's consumers skip what other databases published before it, even with offsets an earlier database of the same name left", async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.url, 2);
  const name = new URL(database.url).pathname.slice(1);
  kafka = createKafka("event-origin-test");
  admin = kafka.admin();
  await admin.connect();

  // Another database's traffic before this one's worker first ran: on every partition of every
  // topic, a message that fails the event schema, which a consumer of this database would park.
  const marker = `foreign-${randomUUID()}`;
  const producer = kafka.producer();
  await producer.connect();
  for (const topic of Object.values(TOPICS)) {
    const partitions = (await admin.fetchTopicOffsets(topic)).map((p) => p.partition);
    await producer.send({ topic, acks: -1, messages: partitions.map((partition) => ({ partition, key: `${marker}-${partition}`, value: "not an event" })) });
  }
  await producer.disconnect();
  const ends = new Map<string, Map<number, bigint>>();
  for (const topic of Object.values(TOPICS)) ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)])));
  // The tally's group as an earlier database of this name left it: committed at 0 on votes.
  await admin.setOffsets({ groupId: `tally@${name}`, topic: TOPICS.votes, partitions: [...ends.get(TOPICS.votes)!.keys()].map((partition) => ({ partition, offset: "0" })) });

  worker = createWorker({ databaseUrl: database.url, roles: ["relay", "tally", "listings", "comments"] });
  await worker.start();

  // The origin: every partition's end as it was before this database published anything.
  const { rows } = await worker.pool.query<{ offsets: StartOffsets }>("SELECT offsets FROM event_origin");
  expect(rows).toHaveLength(1);
  for (const [topic, byPartition] of ends) {
    for (const [partition, end] of byPartition) expect(BigInt(rows[0]!.offsets[topic]![String(partition)]!)).toBeGreaterThanOrEqual(end);
  }

  // A vote flows through the tally and on to the listings consumer (both read their partitions
  // past the foreign messages' offsets, had they started before the origin).
  const w = world;
  await castVote(w, w.users[0]!.id, 1);
  expect(await eventually(async () => (await w.db.post.findUniqueOrThrow({ where: { id: w.post.id } })).ups === 1)).toBe(true);
  const listingsRead = async () => {
    const now = await committed(admin!, `listings@${name}`, TOPICS.listingUpdates);
    return [...now].some(([p, o]) => o > ends.get(TOPICS.listingUpdates)!.get(p)!);
  };
  expect(await eventually(listingsRead)).toBe(true);

  // Not one of the foreign messages reached a consumer of this database.
  const parked = await worker.pool.query("SELECT topic, key FROM parked_messages WHERE key LIKE $1", [`${marker}-%`]);
  expect(parked.rows).toEqual([]);
  // And no group of this database sits before its origin.
  for (const [groupId, topics] of [[`tally@${name}`, TALLY_TOPICS], [`listings@${name}`, [TOPICS.listingUpdates]], [`comments@${name}`, [TOPICS.commentUpdates]]] as const) {
    for (const topic of topics) {
      for (const [partition, offset] of await committed(admin, groupId, topic)) expect(offset, `${groupId} ${topic}[${partition}]`).toBeGreaterThanOrEqual(ends.get(topic)!.get(partition)!);
    }
  }
}, 120_000);

/** The `event-source` header of the message on `topic` (read from `from` on) whose event id is `eventId`. */
async function sourceHeaderOf(k: Kafka, topic: string, from: Map<number, string>, eventId: string): Promise<string | undefined> {
  let source: string | undefined;
  await tailTopic(k, topic, from, (headers) => {
    if (headers[EVENT_ID_HEADER] !== eventId) return false;
    source = headers[EVENT_SOURCE_HEADER];
    return true;
  });
  return source;
}

it("after its origin too, the consumers skip what other databases publish (their mark on it), and handle their own and unmarked messages", async () => {
  const w = world!;
  const pool = worker!.pool;
  const source = await loadEventSource(pool);
  expect(source).toMatch(/^[0-9a-f-]{36}$/);
  // On every partition of every topic: a message no consumer can decode, marked by another
  // database, by this one, and not at all. Decoded, each would be parked.
  const marker = `marked-${randomUUID()}`;
  const producer = kafka!.producer();
  await producer.connect();
  const marks = { other: randomUUID(), own: source!, none: undefined };
  const votesFrom = await topicEnd(kafka!, TOPICS.votes);
  for (const topic of Object.values(TOPICS)) {
    const partitions = (await admin!.fetchTopicOffsets(topic)).map((p) => p.partition);
    for (const [name, mark] of Object.entries(marks)) {
      const headers = mark ? { [EVENT_SOURCE_HEADER]: mark } : {};
      await producer.send({ topic, acks: -1, messages: partitions.map((partition) => ({ partition, key: `${marker}-${name}-${partition}`, value: "not an event", headers })) });
    }
  }
  await producer.disconnect();

  // A vote of this database is published with its mark and counted behind them.
  const eventId = await castVote(w, w.users[1]!.id, 1);
  expect(eventId).not.toBeNull();
  expect(await eventually(async () => (await w.db.post.findUniqueOrThrow({ where: { id: w.post.id } })).ups === 2)).toBe(true);
  expect(await sourceHeaderOf(kafka!, TOPICS.votes, votesFrom, eventId!)).toBe(source);

  // Every consumer of this database parked the own-marked and unmarked messages on each of its
  // partitions, and not one of the other database's.
  // The tally reads votes and things, the listings and comments consumers a topic each.
  const expected = Object.values(TOPICS).length * TOPIC_PARTITIONS * 2;
  const parkedKeys = async () => (await pool.query<{ key: string }>("SELECT key FROM parked_messages WHERE key LIKE $1", [`${marker}-%`])).rows.map((r) => r.key);
  expect(await eventually(async () => (await parkedKeys()).length >= expected)).toBe(true);
  const parked = await parkedKeys();
  expect(parked.filter((k) => k.startsWith(`${marker}-other-`))).toEqual([]);
  expect(parked.filter((k) => k.startsWith(`${marker}-own-`))).toHaveLength(expected / 2);
  expect(parked.filter((k) => k.startsWith(`${marker}-none-`))).toHaveLength(expected / 2);
}, 120_000);

it("is recorded anew on another Kafka cluster (and the tally's stored offsets dropped), and stays unknown for a database older than the record", async () => {
  const pool = worker!.pool;
  const topics = Object.values(TOPICS);
  expect((await pool.query("SELECT count(*)::int AS n FROM consumer_offsets")).rows[0].n).toBeGreaterThan(0);
  // Recorded on a cluster that is gone (the broker's data wiped): unknown here, then recorded anew.
  await pool.query("UPDATE event_origin SET kafka_cluster_id = 'a-wiped-cluster', offsets = '{}'::jsonb");
  expect(await loadEventOrigin(pool, kafka!)).toBeNull();
  await recordEventOrigin(pool, kafka!, topics);
  const again = await loadEventOrigin(pool, kafka!);
  expect(Object.keys(again ?? {}).sort()).toEqual([...topics].sort());
  expect((await pool.query("SELECT count(*)::int AS n FROM consumer_offsets")).rows[0].n).toBe(0);
  // Recording again on the same cluster changes nothing.
  const { rows: before } = await pool.query("SELECT offsets, recorded_at FROM event_origin");
  await recordEventOrigin(pool, kafka!, topics);
  expect((await pool.query("SELECT offsets, recorded_at FROM event_origin")).rows).toEqual(before);
  // A database from before the record (the migration's mark: no offsets, no cluster) keeps reading
  // from the beginning; its cluster is noted, so a later wipe is seen.
  await pool.query("UPDATE event_origin SET offsets = NULL, kafka_cluster_id = NULL");
  await recordEventOrigin(pool, kafka!, topics);
  expect(await loadEventOrigin(pool, kafka!)).toBeNull();
  const { rows: legacy } = await pool.query<{ offsets: unknown; kafka_cluster_id: string | null }>("SELECT offsets, kafka_cluster_id FROM event_origin");
  expect(legacy[0]!.offsets).toBeNull();
  expect(legacy[0]!.kafka_cluster_id).toBe((await admin!.describeCluster()).clusterId);
});
