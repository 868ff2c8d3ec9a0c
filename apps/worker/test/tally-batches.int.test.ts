import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, poolOf, type TestDatabase } from "@hivemind/db";
import { formatFullname, parseEvent, TOPICS } from "@hivemind/core";
import { castVote as castDomainVote } from "@hivemind/domain";
import type { ConsumedEvent, PartitionBatch } from "@hivemind/queue";
import { createTally } from "../src/index.js";
import { buildWorld, castVote, type World } from "./fixtures/world.js";

// The tally's consumer hands it several partitions at once; the batches of one turn are applied
// in one transaction, each partition from its own stored offset. No worker runs here: the votes'
// events are taken from the outbox and handed to the tally as Kafka would.

let database: TestDatabase;
let world: World;
const GROUP = "tally-batches";

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildWorld(database.url, 30);
});

afterAll(async () => {
  await world?.deps.destroy();
  await database?.drop();
});

async function eventsOf(eventIds: string[]): Promise<ConsumedEvent[]> {
  const rows = await world.db.outbox.findMany({ where: { eventId: { in: eventIds } }, orderBy: { id: "asc" } });
  return rows.map((r, i) => {
    const parsed = parseEvent(r.payload);
    if (!parsed.ok) throw new Error("bad event in the outbox");
    return { event: parsed.event, key: r.key, offset: String(i) };
  });
}

function batchOf(partition: number, events: ConsumedEvent[], from: number): PartitionBatch {
  const placed = events.map((e, i) => ({ ...e, offset: String(from + i) }));
  return { topic: "votes", partition, events: placed, nextOffset: String(from + events.length) };
}

async function counted() {
  const post = await world.db.post.findUniqueOrThrow({ where: { id: world.post.id } });
  const [row] = await world.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM votes WHERE thing_id = ${world.post.id} AND dir <> counted_dir`;
  return { ups: post.ups, downs: post.downs, pending: Number(row?.n) };
}

it("applies the batches of several partitions handed over together in one transaction", async () => {
  const ids: string[] = [];
  for (const u of world.users.slice(0, 20)) ids.push((await castVote(world, u.id, 1))!);
  for (const u of world.users.slice(20, 30)) ids.push((await castVote(world, u.id, -1))!);
  const events = await eventsOf(ids);
  const tally = createTally(poolOf(world.db)!, GROUP);

  await Promise.all([tally.handleBatch(batchOf(0, events.slice(0, 10), 0)), tally.handleBatch(batchOf(1, events.slice(10, 25), 0)), tally.handleBatch(batchOf(2, events.slice(25), 0))]);

  expect(await counted()).toEqual({ ups: 20, downs: 10, pending: 0 });
  const xmins = await poolOf(world.db)!.query<{ xmin: string }>("SELECT DISTINCT xmin::text FROM votes WHERE thing_id = $1 AND user_id <> $2", [world.post.id.toString(), world.author.id.toString()]);
  expect(xmins.rows).toHaveLength(1);
  const offsets = await world.db.consumerOffset.findMany({ where: { groupId: GROUP }, orderBy: { partition: "asc" } });
  expect(offsets.map((o) => [o.partition, Number(o.nextOffset)])).toEqual([[0, 10], [1, 15], [2, 5]]);
});

it("skips what each partition already applied, and a redelivery changes nothing", async () => {
  const more: string[] = [];
  for (const u of world.users.slice(0, 5)) more.push((await castVote(world, u.id, 0))!);
  const events = await eventsOf(more);
  const tally = createTally(poolOf(world.db)!, GROUP);
  // Partition 0 had applied offsets 0-9: its redelivered batch from 8 applies only offsets 10 on.
  const redelivered = batchOf(0, events.slice(0, 2), 8);
  await Promise.all([tally.handleBatch(redelivered), tally.handleBatch(batchOf(1, events.slice(2), 15))]);
  // Offsets 8 and 9 of partition 0 were "applied before": their two votes (users 0 and 1) stay uncounted.
  expect(await counted()).toEqual({ ups: 17, downs: 10, pending: 2 });
  // Delivered again in full, every vote is counted once.
  await Promise.all([tally.handleBatch(batchOf(0, events.slice(0, 2), 10)), tally.handleBatch(batchOf(1, events.slice(2), 15))]);
  expect(await counted()).toEqual({ ups: 15, downs: 10, pending: 0 });
});

it("counts votes on a self post in a community named with capitals; only links are in a domain listing", async () => {
  const { db, ids } = world;
  const community = await db.community.create({ data: { id: ids.next(), name: "AskTally", nameLower: "asktally", title: "ask", creatorId: world.author.id } });
  const post = (kind: "self" | "link", domain: string) =>
    db.post.create({ data: { id: ids.next(), communityId: community.id, authorId: world.author.id, title: kind, kind, domain, body: "", url: kind === "link" ? `https://${domain}/x` : null } });
  const self = await post("self", "self.AskTally");
  const link = await post("link", "example.com");
  const voteIds: string[] = [];
  for (const target of [self, link]) {
    const result = await castDomainVote(world.deps, { userId: world.users[0]!.id, name: "voter0", isAdmin: false }, { id: formatFullname("t3", target.id), dir: 1 });
    voteIds.push(result.eventId!);
  }
  await world.db.outbox.deleteMany({ where: { eventId: { notIn: voteIds } } });
  await createTally(poolOf(world.db)!, GROUP).handleBatch(batchOf(5, await eventsOf(voteIds), 0));

  const after = await db.post.findMany({ where: { id: { in: [self.id, link.id] } }, orderBy: { id: "asc" } });
  expect(after.map((p) => p.ups)).toEqual([1, 1]);
  const owners = (await db.outbox.findMany({ where: { topic: TOPICS.listingUpdates } })).map((r) => (r.payload as { data: { owner: string } }).data.owner);
  expect(owners).toContain("d:example.com");
  expect(owners.filter((o) => o.startsWith("d:"))).toEqual(["d:example.com"]);
});
