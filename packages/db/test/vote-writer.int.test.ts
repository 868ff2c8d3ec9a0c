import { afterAll, beforeAll, expect, it } from "vitest";
import { formatFullname, minIdForTime, toBase36, type VoteDir } from "@hivemind/core";
import { createDb, createTestDatabase, destroyDb, findSessionWithUser, loadVoteTarget, newEvent, poolOf, writeVote, type Db, type TestDatabase, type VoteWrite } from "../src/index.js";

// The vote path's statements are batched per event-loop turn (turnBatch): the votes of a turn are
// one cast_votes statement, their targets and the sessions asked for one query each. Each call
// must come out as if it had run alone.

let testDb: TestDatabase;
let db: Db;
let seq = 0;
const now = Date.now();
const nextId = () => minIdForTime(now) | (1n << 12n) | BigInt(seq++ & 0xfff);
const author = nextId();
const community = nextId();
const voters = Array.from({ length: 40 }, nextId);
const posts = Array.from({ length: 5 }, nextId);
const SESSION = "ab".repeat(32);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDb(testDb.url);
  await db.user.createMany({ data: [author, ...voters].map((id, i) => ({ id, name: `u${i}`, nameLower: `u${i}`, passwordHash: "x" })) });
  await db.community.create({ data: { id: community, name: "c", nameLower: "c", title: "c", creatorId: author } });
  await db.post.createMany({ data: posts.map((id) => ({ id, communityId: community, authorId: author, title: "t", kind: "self" })) });
});

afterAll(async () => {
  if (db) await destroyDb(db);
  await testDb?.drop();
});

function vote(thingId: bigint, userId: bigint, dir: VoteDir, eventId?: string): VoteWrite {
  const event = newEvent("vote.cast", { thing: formatFullname("t3", thingId), user: toBase36(userId), dir, prev: 0, author: toBase36(author), community: toBase36(community) }, now);
  return { thingId, userId, kind: 3, dir, now, event: eventId ? { ...event, id: eventId } : event };
}

async function dirOf(thingId: bigint, userId: bigint) {
  return (await db.vote.findUnique({ where: { thingId_userId: { thingId, userId } } }))?.dir ?? 0;
}

async function prevsOf(thingId: bigint, userId: bigint): Promise<number[]> {
  const rows = await poolOf(db)!.query<{ prev: number }>(
    "SELECT (payload->'data'->>'prev')::int AS prev FROM outbox WHERE payload->'data'->>'thing' = $1 AND payload->'data'->>'user' = $2 ORDER BY id",
    [formatFullname("t3", thingId), toBase36(userId)],
  );
  return rows.rows.map((r) => r.prev);
}

it("writes the votes of one turn in one transaction, each with its own outcome", async () => {
  const pool = poolOf(db)!;
  const writes = voters.map((u, i) => writeVote(pool, vote(posts[i % posts.length]!, u, i % 2 === 0 ? 1 : -1)));
  expect(await Promise.all(writes)).toEqual(voters.map(() => true));
  const { rows } = await pool.query<{ xmin: string }>("SELECT DISTINCT xmin::text FROM votes WHERE user_id = ANY($1::bigint[])", [voters.map(String)]);
  expect(rows).toHaveLength(1);
  for (const [i, u] of voters.entries()) expect(await dirOf(posts[i % posts.length]!, u)).toBe(i % 2 === 0 ? 1 : -1);

  // The same votes again change nothing and emit nothing.
  const before = await db.outbox.count();
  expect(await Promise.all(voters.map((u, i) => writeVote(pool, vote(posts[i % posts.length]!, u, i % 2 === 0 ? 1 : -1))))).toEqual(voters.map(() => false));
  expect(await db.outbox.count()).toBe(before);
});

it("applies one user's votes on one thing within a batch in the order they came", async () => {
  const pool = poolOf(db)!;
  const [thing, user] = [posts[1]!, voters[1]!]; // voted -1 above
  const results = await Promise.all([writeVote(pool, vote(thing, user, 1)), writeVote(pool, vote(thing, user, 1)), writeVote(pool, vote(thing, user, 0))]);
  expect(results).toEqual([true, false, true]);
  expect(await dirOf(thing, user)).toBe(0);
  expect((await prevsOf(thing, user)).slice(-2)).toEqual([-1, 1]);
});

it("a vote that fails fails alone: the rest of its batch is written", async () => {
  const pool = poolOf(db)!;
  const taken = (await db.outbox.findFirstOrThrow()).eventId;
  const [bad, ...good] = [vote(posts[1]!, voters[3]!, 1, taken), vote(posts[2]!, voters[4]!, 1), vote(posts[3]!, voters[5]!, -1)];
  const settled = await Promise.allSettled([bad, ...good].map((v) => writeVote(pool, v)));
  expect(settled[0]).toMatchObject({ status: "rejected", reason: { code: "23505" } });
  expect(settled.slice(1)).toEqual([{ status: "fulfilled", value: true }, { status: "fulfilled", value: true }]);
  expect(await dirOf(posts[1]!, voters[3]!)).toBe(0); // never written
  expect(await dirOf(posts[2]!, voters[4]!)).toBe(1);
  expect(await dirOf(posts[3]!, voters[5]!)).toBe(-1);
});

it("answers each vote target and session of a turn from one query, unknown ones with null", async () => {
  const pool = poolOf(db)!;
  await db.ban.create({ data: { communityId: community, userId: voters[7]!, bannedBy: author } });
  await db.session.create({ data: { id: SESSION, userId: voters[0]!, kind: "cookie", expiresAt: new Date(now + 60_000) } });
  const queries: string[] = [];
  const query = pool.query.bind(pool);
  pool.query = ((config: { name?: string }, ...rest: unknown[]) => {
    queries.push(config.name ?? "unnamed");
    return (query as (...a: unknown[]) => unknown)(config, ...rest);
  }) as typeof pool.query;
  try {
    const [a, banned, missing, again, s1, s2, none] = await Promise.all([
      loadVoteTarget(pool, "t3", posts[0]!, voters[6]!, now),
      loadVoteTarget(pool, "t3", posts[0]!, voters[7]!, now),
      loadVoteTarget(pool, "t3", 42n, voters[6]!, now),
      loadVoteTarget(pool, "t3", posts[0]!, voters[6]!, now),
      findSessionWithUser(pool, SESSION),
      findSessionWithUser(pool, SESSION),
      findSessionWithUser(pool, "0".repeat(64)),
    ]);
    expect(queries.sort()).toEqual(["sessions-with-users", "vote-targets-t3"]);
    expect(a).toMatchObject({ id: posts[0], authorId: author, communityId: community, voterBanned: false, deleted: false });
    expect(again).toEqual(a);
    expect(banned).toMatchObject({ id: posts[0], voterBanned: true });
    expect(missing).toBeNull();
    expect(s1).toMatchObject({ userId: voters[0], kind: "cookie", userName: "u1" });
    expect(s2).toEqual(s1);
    expect(none).toBeNull();
  } finally {
    pool.query = query;
  }
});
