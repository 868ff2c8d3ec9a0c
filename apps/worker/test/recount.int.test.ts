import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, poolOf, type TestDatabase } from "@hivemind/db";
import { parseEvent, TOPICS } from "@hivemind/core";
import { createComment } from "@hivemind/domain";
import type { ConsumedEvent } from "@hivemind/queue";
import { recountUncounted } from "@hivemind/tally";
import { createTally, createWorker } from "../src/index.js";
import { buildWorld, castVote, eventually, type World } from "./fixtures/world.js";

// Events the broker lost (its data wiped before the tally read them) leave their votes with
// dir ≠ counted_dir and comment counts behind. The recount restores the counts from Postgres alone:
// called directly, by the worker when it finds the Kafka cluster changed, and by `ops tally recount`.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
let database: TestDatabase;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.url, 40);
});

afterAll(async () => {
  await world?.deps.destroy();
  await database?.drop();
});

/** The post's counts next to what its rows say they should be. */
async function counts() {
  const [row] = await world.db.$queryRaw<{ ups: number; downs: number; num_comments: number; vups: bigint; vdowns: bigint; comments: bigint; karma: number; pending: bigint }[]>`
    SELECT p.ups, p.downs, p.num_comments,
      (SELECT count(*) FROM votes WHERE thing_id = p.id AND dir = 1) AS vups,
      (SELECT count(*) FROM votes WHERE thing_id = p.id AND dir = -1) AS vdowns,
      (SELECT count(*) FROM comments WHERE post_id = p.id AND NOT deleted AND NOT removed) AS comments,
      (SELECT link_karma FROM users WHERE id = p.author_id) AS karma,
      (SELECT count(*) FROM votes WHERE dir <> counted_dir) AS pending
    FROM posts p WHERE p.id = ${world.post.id}`;
  if (!row) throw new Error("post missing");
  return { ups: row.ups, downs: row.downs, numComments: row.num_comments, votesUp: Number(row.vups), votesDown: Number(row.vdowns), comments: Number(row.comments), karma: row.karma, pending: Number(row.pending) };
}

/**
 * Votes and a comment whose events are then lost: their outbox rows are deleted before any relay
 * ran. (The comment's author upvote is counted as it is created.)
 */
async function writesWithLostEvents(voters: World["users"], dir: 1 | -1): Promise<ConsumedEvent[]> {
  for (const u of voters) await castVote(world, u.id, dir);
  await createComment(world.deps, { userId: world.author.id, name: "author", isAdmin: false }, { thingId: world.postFullname, text: "lost event" });
  const rows = await world.db.outbox.findMany({ orderBy: { id: "asc" } });
  await world.db.outbox.deleteMany({});
  return rows.map((r, i) => {
    const parsed = parseEvent(r.payload);
    if (!parsed.ok) throw new Error("bad event in the outbox");
    return { event: parsed.event, key: r.key, offset: String(i) };
  });
}

it("counts the votes and comments whose events were lost, once, with their listing triggers", async () => {
  const lost = await writesWithLostEvents(world.users.slice(0, 12), 1);
  await castVote(world, world.author.id, 1);
  await castVote(world, world.users[0]!.id, -1);
  await world.db.outbox.deleteMany({});
  expect(await counts()).toMatchObject({ ups: 0, downs: 0, numComments: 0, pending: 13 });

  const phases = new Set<string>();
  const result = await recountUncounted(poolOf(world.db)!, { batchSize: 5, onProgress: (p) => phases.add(`${p.phase} ${p.done}/${p.total}`) });
  expect(result).toMatchObject({ votes: 13, things: 1, posts: 1 });
  expect(phases).toContain("votes 13/13");
  expect(phases).toContain("comments 1/1");
  const c = await counts();
  expect(c).toMatchObject({ ups: 12, downs: 1, votesUp: 12, votesDown: 1, numComments: 1, comments: 1, pending: 0 });
  // Karma leaves out the author's own vote, as the tally's does.
  expect(c.karma).toBe(11 - 1);
  const triggers = await world.db.outbox.findMany({ where: { topic: TOPICS.listingUpdates } });
  expect(triggers.map((t) => (t.payload as { data: { thing: string } }).data.thing)).toContain(world.postFullname);

  // Run again: nothing left to count. The lost events turning up after all change nothing either.
  expect(await recountUncounted(poolOf(world.db)!)).toMatchObject({ votes: 0, things: 0, posts: 0 });
  const tally = createTally(poolOf(world.db)!, "recount-late-events");
  await tally.handleBatch({ topic: TOPICS.votes, partition: 0, events: lost.filter((e) => e.event.type === "vote.cast"), nextOffset: String(lost.length) });
  expect(await counts()).toMatchObject({ ups: 12, downs: 1, numComments: 1, pending: 0 });
});

it("a worker that finds the Kafka cluster changed recounts before it relays", async () => {
  await writesWithLostEvents(world.users.slice(12, 20), -1);
  const before = await counts();
  expect(before.pending).toBe(8);
  // The database's events were recorded on a cluster that is gone: as after a wipe of the broker's data.
  const worker = createWorker({ databaseUrl: database.url, roles: ["relay"] });
  await worker.start();
  await poolOf(world.db)!.query("UPDATE event_origin SET kafka_cluster_id = 'a-cluster-wiped-since'");
  await worker.destroy();
  const restarted = createWorker({ databaseUrl: database.url, roles: ["relay"] });
  await restarted.start();
  try {
    const after = await counts();
    expect(after).toMatchObject({ downs: before.downs + 8, numComments: after.comments, pending: 0 });
  } finally {
    await restarted.destroy();
  }
});

it("ops tally recount counts them too and says what it did", async () => {
  await writesWithLostEvents(world.users.slice(20, 30), 1);
  const before = await counts();
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/ops/src/cli.ts"), "tally", "recount", "--json"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ votes: 10, things: 1, posts: 1 });
  expect(await eventually(async () => (await counts()).pending === 0)).toBe(true);
  expect(await counts()).toMatchObject({ ups: before.ups + 10, numComments: before.comments });
});
