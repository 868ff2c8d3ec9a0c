import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import { TOPICS } from "@hivemind/core";
import { createEventProducer, createKafka } from "@hivemind/queue";
import { createWorker, type Worker } from "../src/index.js";
import { buildWorld, castVote, eventually, type World } from "./fixtures/world.js";

const here = path.dirname(fileURLToPath(import.meta.url));
let database: TestDatabase;
let world: World;
let worker: Worker;

async function counts() {
  const [row] = await world.db.$queryRaw<{ ups: number; downs: number; vups: bigint; vdowns: bigint; karma: number; selfdir: number }[]>`
    SELECT p.ups, p.downs,
      (SELECT count(*) FROM votes WHERE thing_id = p.id AND dir = 1) AS vups,
      (SELECT count(*) FROM votes WHERE thing_id = p.id AND dir = -1) AS vdowns,
      (SELECT link_karma FROM users WHERE id = p.author_id) AS karma,
      coalesce((SELECT dir FROM votes WHERE thing_id = p.id AND user_id = p.author_id), 0)::int AS selfdir
    FROM posts p WHERE p.id = ${world.post.id}`;
  if (!row) throw new Error("post missing");
  return { ups: row.ups, downs: row.downs, votesUp: Number(row.vups), votesDown: Number(row.vdowns), karma: row.karma, selfDir: row.selfdir };
}

/** The tally has caught up when the counts equal the votes table and nothing is left to count. */
async function settled(): Promise<boolean> {
  const c = await counts();
  const [pending] = await world.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM votes WHERE dir <> counted_dir`;
  const [outbox] = await world.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM outbox`;
  return c.ups === c.votesUp && c.downs === c.votesDown && pending?.n === 0n && outbox?.n === 0n;
}

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.url, 300);
  worker = createWorker({ databaseUrl: database.url, tallyGroup: `tally-test-${randomUUID()}`, tallyFromLatest: true });
  await worker.start();
});

afterAll(async () => {
  await worker?.destroy();
  await world?.deps.destroy();
  await database?.drop();
});

describe("outbox relay and tally", () => {
  it("relays committed votes to Kafka and the tally counts them, karma excluding self-votes", async () => {
    await castVote(world, world.author.id, 1);
    for (const u of world.users.slice(0, 40)) await castVote(world, u.id, 1);
    for (const u of world.users.slice(40, 50)) await castVote(world, u.id, -1);
    expect(await eventually(settled)).toBe(true);
    const c = await counts();
    expect(c).toMatchObject({ ups: 41, downs: 10 });
    expect(c.karma).toBe(41 - 10 - 1);
  });

  it("a repeated vote writes no event and changes nothing", async () => {
    const voter = world.users[0];
    if (!voter) throw new Error("no voter");
    expect(await castVote(world, voter.id, 1)).toBeNull();
  });

  it("a vote event delivered twice is counted once", async () => {
    const voter = world.users[60];
    if (!voter) throw new Error("no voter");
    const before = await counts();
    const eventId = await castVote(world, voter.id, 1);
    expect(eventId).not.toBeNull();
    expect(await eventually(settled)).toBe(true);
    // Publish the very same event again, as a relay that crashed before deleting would.
    const producer = createEventProducer(createKafka("test-duplicate"));
    await producer.connect();
    const event = { id: eventId, type: "vote.cast", v: 1, at: Date.now(), data: { thing: world.postFullname, user: voter.id.toString(36), dir: 1, prev: 0, author: world.author.id.toString(36), community: world.community.id.toString(36) } };
    await producer.publish([{ eventId: eventId!, topic: TOPICS.votes, key: world.postFullname, payload: event }]);
    await producer.disconnect();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await eventually(settled)).toBe(true);
    expect((await counts()).ups).toBe(before.ups + 1);
  });

  it("a malformed message is parked, not fatal, and later votes still count", async () => {
    const producer = createEventProducer(createKafka("test-malformed"));
    await producer.connect();
    await producer.publish([{ eventId: "x", topic: TOPICS.votes, key: world.postFullname, payload: { type: "vote.cast", nonsense: true } }]);
    await producer.disconnect();
    expect(await eventually(async () => (await world.db.parkedMessage.count()) > 0)).toBe(true);
    const voter = world.users[61];
    if (!voter) throw new Error("no voter");
    const before = await counts();
    await castVote(world, voter.id, -1);
    expect(await eventually(settled)).toBe(true);
    expect((await counts()).downs).toBe(before.downs + 1);
  });

  it("a relay killed between publish and delete loses nothing, and its duplicates are counted once", async () => {
    // Everything before is counted and relayed (the tally's listing triggers included), so the
    // outbox holds only this test's votes.
    expect(await eventually(settled)).toBe(true);
    await worker.relay?.stop();
    const before = await counts();
    const voters = world.users.slice(100, 300);
    for (const u of voters) await castVote(world, u.id, u.id % 2n === 0n ? 1 : -1);
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "fixtures/crashing-relay.ts"), database.url, "2"], { stdio: "inherit" });
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    expect(exit).toBe("SIGKILL");
    // Batch 1 was published and deleted; batch 2 was published, then the crash
    // kept its rows: those 50 events will reach Kafka a second time. (The tally, counting batch 1
    // meanwhile, adds its listing triggers to the outbox too: only the votes are counted here.)
    const [left] = await world.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM outbox WHERE topic = ${TOPICS.votes}`;
    expect(Number(left?.n)).toBe(150);
    await worker.relay?.start();
    expect(await eventually(settled)).toBe(true);
    const after = await counts();
    const ups = voters.filter((u) => u.id % 2n === 0n).length;
    expect(after.ups).toBe(before.ups + ups);
    expect(after.downs).toBe(before.downs + (voters.length - ups));
  });
});
