import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minIdForTime } from "@hivemind/core";
import {
  createDb,
  createPool,
  createTestDatabase,
  destroyDb,
  ensurePostPartitions,
  postPartitionForId,
  Prisma,
  type Db,
  type TestDatabase,
} from "../src/index.js";

let testDb: TestDatabase;
let db: Db;

let seq = 0;
/** A time-ordered id for `ms` (worker 1, a per-file sequence). */
function idAt(ms: number): bigint {
  return minIdForTime(ms) | (1n << 12n) | BigInt(seq++ & 0xfff);
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = createDb(testDb.url);
});

afterAll(async () => {
  if (db) await destroyDb(db);
  await testDb?.drop();
});

async function partitionOf(table: "posts" | "comments" | "votes", where: string, value: bigint): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ part: string }[]>(`SELECT tableoid::regclass::text AS part FROM ${table} WHERE ${where} = $1`, value);
  expect(rows).toHaveLength(1);
  return rows[0]!.part;
}

describe("the Prisma client on the partitioned tables", () => {
  const now = Date.now();
  const userId = idAt(now);
  const communityId = idAt(now);
  const postId = idAt(now);
  const commentId = idAt(now);
  const replyId = idAt(now);

  it("creates and reads back a user, community, post, comments and a vote", async () => {
    await db.user.create({ data: { id: userId, name: "Alice", nameLower: "alice", passwordHash: "x" } });
    await db.community.create({ data: { id: communityId, name: "Pics", nameLower: "pics", title: "Pictures", creatorId: userId } });
    await db.post.create({
      data: { id: postId, communityId, authorId: userId, title: "A link", kind: "link", url: "https://example.com/a", domain: "example.com" },
    });
    await db.comment.create({ data: { id: commentId, postId, communityId, authorId: userId, body: "first" } });
    await db.comment.create({ data: { id: replyId, postId, parentId: commentId, communityId, authorId: userId, body: "reply", depth: 1 } });
    await db.vote.create({ data: { thingId: postId, userId, kind: 3, dir: 1 } });

    const post = await db.post.findUniqueOrThrow({ where: { id: postId }, include: { author: true, community: true, comments: { orderBy: { id: "asc" } } } });
    expect(post).toMatchObject({ id: postId, kind: "link", ups: 0, downs: 0, body: "", deleted: false, stickyPosition: null, editedAt: null });
    expect(post.author.nameLower).toBe("alice");
    expect(post.community.name).toBe("Pics");
    expect(post.comments.map((c) => [c.id, c.parentId, c.depth])).toEqual([
      [commentId, null, 0],
      [replyId, commentId, 1],
    ]);
    expect(post.createdAt).toBeInstanceOf(Date);

    const comment = await db.comment.findUniqueOrThrow({ where: { postId_id: { postId, id: replyId } } });
    expect(comment.body).toBe("reply");
    const vote = await db.vote.findUniqueOrThrow({ where: { thingId_userId: { thingId: postId, userId } } });
    expect(vote).toMatchObject({ dir: 1, countedDir: 0, kind: 3 });
  });

  it("rows land in the partition their key says", async () => {
    expect(await partitionOf("posts", "id", postId)).toBe(postPartitionForId(postId).name);
    const commentParts = await db.$queryRaw<{ part: string }[]>`SELECT DISTINCT tableoid::regclass::text AS part FROM comments WHERE post_id = ${postId}`;
    expect(commentParts).toHaveLength(1); // a thread lives in one partition
    expect(commentParts[0]!.part).toMatch(/^comments_p\d\d$/);
    expect(await partitionOf("votes", "thing_id", postId)).toMatch(/^votes_p\d\d$/);
  });

  // The tally's exactly-once counting is tested on the real tally consumer (apps/worker/test/tally.int.test.ts).
  it("updates rows in place", async () => {
    await db.post.update({ where: { id: postId }, data: { title: "Edited", editedAt: new Date(), stickyPosition: 1 } });
    const edited = await db.post.findUniqueOrThrow({ where: { id: postId } });
    expect(edited.title).toBe("Edited");
    expect(edited.stickyPosition).toBe(1);
    expect(edited.editedAt).toBeInstanceOf(Date);
  });

  it("a post id in a future month lands in that month's partition", async () => {
    const d = new Date();
    const future = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 10, 12);
    const id = idAt(future);
    await db.post.create({ data: { id, communityId, authorId: userId, title: "Scheduled", kind: "self", body: "hello", domain: "self.pics" } });
    const part = await partitionOf("posts", "id", id);
    expect(part).toBe(postPartitionForId(id).name);
    const month = new Date(future);
    expect(part).toBe(`posts_y${month.getUTCFullYear()}m${String(month.getUTCMonth() + 1).padStart(2, "0")}`);
    // Listing a community's posts newest first reads across partitions.
    const listing = await db.post.findMany({ where: { communityId }, orderBy: { id: "desc" }, select: { id: true } });
    expect(listing.map((p) => p.id)).toEqual([id, postId]);
  });

  it("CHECK constraints refuse bad kinds, directions and sticky positions", async () => {
    await expect(db.vote.create({ data: { thingId: commentId, userId, kind: 1, dir: 2 } })).rejects.toThrow();
    await expect(db.post.create({ data: { id: idAt(Date.now()), communityId, authorId: userId, title: "x", kind: "video" } })).rejects.toThrow();
    await expect(db.post.update({ where: { id: postId }, data: { stickyPosition: 3 } })).rejects.toThrow();
    await expect(db.post.create({ data: { id: idAt(Date.now()), communityId, authorId: userId, title: "x", kind: "link" } })).rejects.toThrow(); // link without url
  });

  it("writes a row and its outbox event in one transaction", async () => {
    const eventId = randomUUID();
    const savedAt = new Date();
    await db.$transaction([
      db.saved.create({ data: { userId, thingId: postId, kind: 3, createdAt: savedAt } }),
      db.outbox.create({ data: { eventId, topic: "things", key: `t3_${postId.toString(36)}`, payload: { type: "saved", id: postId.toString() } } }),
    ]);
    const event = await db.outbox.findUniqueOrThrow({ where: { eventId } });
    expect(typeof event.id).toBe("bigint");
    expect(event.payload).toEqual({ type: "saved", id: postId.toString() });
    // event_id is unique: a replayed write cannot enqueue the same event twice.
    await expect(db.outbox.create({ data: { eventId, topic: "things", key: "k", payload: {} } })).rejects.toBeInstanceOf(
      Prisma.PrismaClientKnownRequestError,
    );
  });

  it("consumer offsets and sessions round-trip", async () => {
    await db.consumerOffset.upsert({
      where: { groupId_topic_partition: { groupId: "tally", topic: "votes", partition: 3 } },
      create: { groupId: "tally", topic: "votes", partition: 3, nextOffset: 42n },
      update: { nextOffset: 42n },
    });
    expect((await db.consumerOffset.findFirstOrThrow()).nextOffset).toBe(42n);
    const id = "a".repeat(64);
    await db.session.create({ data: { id, userId, kind: "cookie", expiresAt: new Date(Date.now() + 3_600_000) } });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId }, include: { sessions: true } })).sessions.map((s) => s.id)).toEqual([id]);
  });

  it("partition maintenance also runs through the Prisma client", async () => {
    expect(await ensurePostPartitions(db, { monthsAhead: 3 })).toEqual([]);
  });

  it("the raw pool reads the same rows (int8 as strings)", async () => {
    const pool = createPool({ url: testDb.url, max: 2 });
    try {
      await db.post.update({ where: { id: postId }, data: { ups: 7 } });
      const { rows } = await pool.query<{ id: string; ups: number }>("SELECT id, ups FROM posts WHERE id = $1", [postId.toString()]);
      expect(rows).toEqual([{ id: postId.toString(), ups: 7 }]);
    } finally {
      await pool.end();
    }
  });
});
