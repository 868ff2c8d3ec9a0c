import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import { TOPICS } from "@hivemind/core";
import { ensureStackUp, stackDown } from "@hivemind/infra";
import { createWorker, type Worker } from "../src/index.js";
import { buildWorld, castVote, eventually, type World } from "./fixtures/world.js";

let database: TestDatabase;
let world: World;
let worker: Worker;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.url, 40);
  worker = createWorker({ databaseUrl: database.url, tallyGroup: `tally-test-${randomUUID()}`, tallyFromLatest: true });
  await worker.start();
});

afterAll(async () => {
  await ensureStackUp({ quiet: true }); // whatever happened, leave Kafka running for the next file
  await worker?.destroy();
  await world?.deps.destroy();
  await database?.drop();
});

async function outboxSize() {
  return world.db.outbox.count();
}

/** Vote events held in the outbox (the tally's own listing triggers for the first vote may be there too). */
async function votesHeld() {
  return world.db.outbox.count({ where: { topic: TOPICS.votes } });
}

describe("Kafka down", () => {
  it("writes still commit into the outbox, and drain to the tally when Kafka returns", async () => {
    // One vote counted first: the tally's group then has a committed offset on
    // the post's partition, so after the outage it resumes there rather than
    // at the end (where a group with no offset starts in this test).
    await castVote(world, world.author.id, 1);
    expect(await eventually(async () => (await world.db.post.findUniqueOrThrow({ where: { id: world.post.id } })).ups === 1)).toBe(true);

    await stackDown({ only: ["kafka"], quiet: true });
    for (const u of world.users.slice(0, 30)) expect(await castVote(world, u.id, 1)).not.toBeNull();
    for (const u of world.users.slice(30, 40)) expect(await castVote(world, u.id, -1)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await votesHeld()).toBe(40); // committed, held, not lost

    await ensureStackUp({ quiet: true });
    const drained = await eventually(async () => {
      const post = await world.db.post.findUniqueOrThrow({ where: { id: world.post.id } });
      return (await outboxSize()) === 0 && post.ups === 31 && post.downs === 10;
    }, 90_000, 250);
    expect(drained).toBe(true);
  }, 150_000);
});
