import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minIdForTime } from "@hivemind/core";
import { createDb, createTestDatabase, destroyDb, findRecentPostsBy, findViewerFacts, poolOf, type Db, type TestDatabase } from "../src/index.js";

// The raw reads every logged-in listing makes: on the client they run as named statements on its
// pool; inside a transaction, through the transaction's client. Both must answer the same.

let testDb: TestDatabase;
let db: Db;
let seq = 0;
const idAt = (ms: number) => minIdForTime(ms) | (1n << 12n) | BigInt(seq++ & 0xfff);

const now = Date.now();
const reader = idAt(now);
const author = idAt(now);
const [modded, bannedHere, plain] = [idAt(now), idAt(now), idAt(now)];
const [upvoted, downvoted, savedPost, hiddenPost, untouched] = [idAt(now), idAt(now), idAt(now), idAt(now), idAt(now)];
const oldPost = idAt(now - 10 * 60_000);

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDb(testDb.url);
  await db.user.createMany({
    data: [
      { id: reader, name: "reader", nameLower: "reader", passwordHash: "x" },
      { id: author, name: "author", nameLower: "author", passwordHash: "x" },
    ],
  });
  await db.community.createMany({
    data: [modded, bannedHere, plain].map((id, i) => ({ id, name: `c${i}`, nameLower: `c${i}`, title: `c${i}`, creatorId: author })),
  });
  const post = (id: bigint, communityId: bigint, extra: { deleted?: boolean } = {}) => ({ id, communityId, authorId: author, title: "t", kind: "self", ...extra });
  await db.post.createMany({
    data: [post(upvoted, modded), post(downvoted, plain), post(savedPost, plain), post(hiddenPost, bannedHere), post(untouched, plain, { deleted: true }), post(oldPost, plain)],
  });
  // The vote on oldPost is not asked about below: only the things asked for come back.
  await db.vote.createMany({
    data: [
      { thingId: upvoted, userId: reader, kind: 3, dir: 1 },
      { thingId: downvoted, userId: reader, kind: 3, dir: -1 },
      { thingId: oldPost, userId: reader, kind: 3, dir: 1 },
    ],
  });
  await db.saved.create({ data: { userId: reader, thingId: savedPost, kind: 3 } });
  await db.hidden.create({ data: { userId: reader, thingId: hiddenPost, kind: 3 } });
  await db.moderator.createMany({ data: [{ communityId: modded, userId: reader }, { communityId: bannedHere, userId: reader }] });
  await db.ban.createMany({
    data: [
      { communityId: bannedHere, userId: reader, bannedBy: author },
      // Expired: no longer counts.
      { communityId: modded, userId: reader, bannedBy: author, expiresAt: new Date(now - 1000) },
    ],
  });
  await db.subscription.create({ data: { userId: reader, communityId: plain } });
});

afterAll(async () => {
  if (db) await destroyDb(db);
  await testDb?.drop();
});

const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v))).sort();

describe("findViewerFacts", () => {
  const things = [upvoted, downvoted, savedPost, hiddenPost, untouched];
  const communities = [modded, bannedHere, plain];
  const expected = sorted([
    { k: "v", id: upvoted, dir: 1 },
    { k: "v", id: downvoted, dir: -1 },
    { k: "s", id: savedPost, dir: 0 },
    { k: "h", id: hiddenPost, dir: 0 },
    { k: "m", id: modded, dir: 0 },
    { k: "m", id: bannedHere, dir: 0 },
    { k: "b", id: bannedHere, dir: 0 },
  ]);

  it("reads votes, saves, hides, moderated and banned-from communities in one query, as a named statement on the pool", async () => {
    expect(poolOf(db)).toBeDefined();
    // More than five runs: Postgres may switch the named statement to its generic plan.
    for (let i = 0; i < 7; i++) expect(sorted(await findViewerFacts(db, reader, things, communities, new Date(now)))).toEqual(expected);
  });

  it("answers each thing once when it is asked for twice (a sticky also on the page)", async () => {
    expect(sorted(await findViewerFacts(db, reader, [...things, upvoted], communities, new Date(now)))).toEqual(expected);
  });

  it("answers the same inside a transaction", async () => {
    const rows = await db.$transaction(async (tx) => {
      expect(poolOf(tx)).toBeUndefined();
      return findViewerFacts(tx, reader, things, communities, new Date(now));
    });
    expect(sorted(rows)).toEqual(expected);
  });

  it("nothing for another user or empty lists", async () => {
    expect(await findViewerFacts(db, author, things, communities, new Date(now))).toEqual([]);
    expect(await findViewerFacts(db, reader, [], [], new Date(now))).toEqual([]);
  });
});

describe("findRecentPostsBy", () => {
  const since = minIdForTime(now - 60_000);
  const ids = async (scope: Parameters<typeof findRecentPostsBy>[3], client: Parameters<typeof findRecentPostsBy>[0] = db) =>
    (await findRecentPostsBy(client, author, since, scope)).map((r) => r.id).sort();

  it("an author's live posts since a time: anywhere, in some communities, or in a subscriber's", async () => {
    expect(await ids({})).toEqual([upvoted, downvoted, savedPost, hiddenPost].sort());
    expect(await ids({ communityIds: [modded, bannedHere] })).toEqual([upvoted, hiddenPost].sort());
    expect(await ids({ subscriberId: reader })).toEqual([downvoted, savedPost].sort());
    expect(await ids({ subscriberId: author })).toEqual([]);
  });

  it("answers the same inside a transaction", async () => {
    const rows = await db.$transaction(async (tx) => [await ids({}, tx), await ids({ communityIds: [plain] }, tx), await ids({ subscriberId: reader }, tx)]);
    expect(rows).toEqual([[upvoted, downvoted, savedPost, hiddenPost].sort(), [downvoted, savedPost].sort(), [downvoted, savedPost].sort()]);
  });
});
