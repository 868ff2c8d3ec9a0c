import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestApi } from "./harness.js";
import { expectRefused, outbox, startContentApi, userClient, type UserClient } from "./posts-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let alice: UserClient;
let bob: UserClient;
let anon: TestClient;

beforeAll(async () => {
  ({ api, alice, bob, anon } = await startContentApi("votes"));
});
afterAll(async () => {
  await api?.close();
});

const idOf = (name: string) => BigInt(parseInt(name.slice(3), 36));

async function newPost() {
  const res = await alice.client.post("/api/submit", { kind: "self", sr: "votes", title: "vote on me", text: "" });
  return res.body.json.data as { id: string; name: string };
}
async function newComment(on: string) {
  const res = await alice.client.post("/api/comment", { thing_id: on, text: "a comment" });
  return res.body.json.data.things[0].data as { id: string; name: string };
}
async function voteRow(name: string, userId: bigint) {
  return api.services.db.vote.findUnique({ where: { thingId_userId: { thingId: idOf(name), userId } } });
}
async function eventsSince(n: number) {
  return (await outbox(api.services)).slice(n);
}

describe("POST /api/vote", () => {
  it("up, repeat, down, clear: one row per (thing, user), vote.cast with prev for each change only", async () => {
    const post = await newPost();
    const start = (await outbox(api.services)).length;
    const up = await bob.client.post("/api/vote/", { dir: "1", id: post.name, rank: "2" });
    expect(up.status).toBe(200);
    expect(up.body).toEqual({});
    expectResponseMatchesOpenApi("POST", "/api/vote", up);
    expect(await voteRow(post.name, bob.user.id)).toMatchObject({ kind: 3, dir: 1, countedDir: 0 });

    // The same vote again changes nothing: no row change, no event.
    const row = await voteRow(post.name, bob.user.id);
    expect((await bob.client.post("/api/vote", { dir: "1", id: post.name })).status).toBe(200);
    expect(await voteRow(post.name, bob.user.id)).toEqual(row);

    expect((await bob.client.post("/api/vote", { dir: "-1", id: post.name })).status).toBe(200);
    expect((await bob.client.post("/api/vote", { dir: "0", id: post.name })).status).toBe(200);
    expect(await voteRow(post.name, bob.user.id)).toMatchObject({ dir: 0 });
    expect((await bob.client.post("/api/vote", { dir: "0", id: post.name })).status).toBe(200);

    const events = await eventsSince(start);
    expect(events.map((e) => [e.topic, e.key, e.type, e.data.prev, e.data.dir])).toEqual([
      ["votes", post.name, "vote.cast", 0, 1],
      ["votes", post.name, "vote.cast", 1, -1],
      ["votes", post.name, "vote.cast", -1, 0],
    ]);
    expect(events[0]?.data).toMatchObject({ thing: post.name, user: bob.user.id.toString(36), author: alice.user.id.toString(36) });
    // A vote never touches the counts: that is the tally's job (the post has its author's upvote only).
    const p = await api.services.db.post.findUniqueOrThrow({ where: { id: idOf(post.name) } });
    expect([p.ups, p.downs]).toEqual([1, 0]);
  });

  it("clearing a vote never cast writes nothing", async () => {
    const post = await newPost();
    const start = (await outbox(api.services)).length;
    expect((await bob.client.post("/api/vote", { dir: "0", id: post.name })).status).toBe(200);
    expect(await voteRow(post.name, bob.user.id)).toBeNull();
    expect(await eventsSince(start)).toEqual([]);
  });

  it("votes on comments (kind 1) and `likes` shows the viewer's vote", async () => {
    const post = await newPost();
    const c = await newComment(post.name);
    expect((await bob.client.post("/api/vote", { dir: "-1", id: c.name }, { json: undefined })).status).toBe(200);
    expect(await voteRow(c.name, bob.user.id)).toMatchObject({ kind: 1, dir: -1 });
    const asBob = await bob.client.get(`/api/info?id=${c.name},${post.name}`);
    expect(asBob.body.data.children.map((t: { data: { likes: boolean | null } }) => t.data.likes)).toEqual([false, null]);
    const asAlice = await alice.client.get(`/api/info?id=${c.name},${post.name}`);
    expect(asAlice.body.data.children.map((t: { data: { likes: boolean | null } }) => t.data.likes)).toEqual([true, true]);
  });

  it("accepts a JSON body with a numeric dir", async () => {
    const post = await newPost();
    const res = await bob.client.call("POST", "/api/vote", { json: { id: post.name, dir: -1, api_type: "json" } });
    expect(res.status).toBe(200);
    expect(await voteRow(post.name, bob.user.id)).toMatchObject({ dir: -1 });
  });

  it("refuses bad input naming the field, unknown things, anonymous voters; nothing written", async () => {
    const post = await newPost();
    const s = api.services;
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "2", id: post.name }), { status: 400, field: "dir", code: "INVALID_OPTION" });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "up", id: post.name }), { status: 400, field: "dir" });
    await expectRefused(s, () => bob.client.post("/api/vote", { id: post.name }), { status: 400, field: "dir" });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "1", id: "t2_abc" }), { status: 400, field: "id", code: "INVALID_ID" });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "1" }), { status: 400, field: "id", code: "INVALID_ID" });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "1", id: "t3_zzzzzz" }), { status: 404, field: "id" });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "1", id: "t1_zzzzzz" }), { status: 404, field: "id" });
    await expectRefused(s, () => anon.post("/api/vote", { dir: "1", id: post.name }), { status: 401 });
  });

  it("refuses removed and deleted things, locked threads (their comments too), banned voters", async () => {
    const s = api.services;
    const post = await newPost();
    const c = await newComment(post.name);
    await s.db.post.update({ where: { id: idOf(post.name) }, data: { locked: true } });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "1", id: post.name }), { status: 400, field: "id", code: "THREAD_LOCKED" });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "1", id: c.name }), { status: 400, field: "id", code: "THREAD_LOCKED" });
    await s.db.post.update({ where: { id: idOf(post.name) }, data: { locked: false } });

    await s.db.comment.updateMany({ where: { id: idOf(c.name) }, data: { removed: true } });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "1", id: c.name }), { status: 400, field: "id", code: "REMOVED" });
    await s.db.comment.updateMany({ where: { id: idOf(c.name) }, data: { removed: false } });
    await s.db.post.update({ where: { id: idOf(post.name) }, data: { deleted: true } });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "-1", id: post.name }), { status: 400, field: "id", code: "DELETED" });
    await expectRefused(s, () => bob.client.post("/api/vote", { dir: "-1", id: c.name }), { status: 400, field: "id", code: "DELETED" });

    const other = await newPost();
    const community = await s.db.community.findUniqueOrThrow({ where: { nameLower: "votes" } });
    const carol = await userClient(api, "carol");
    await s.db.ban.create({ data: { communityId: community.id, userId: carol.user.id, bannedBy: alice.user.id } });
    await expectRefused(s, () => carol.client.post("/api/vote", { dir: "1", id: other.name }), { status: 400, code: "BANNED" });
    // An expired ban no longer applies.
    await s.db.ban.update({ where: { communityId_userId: { communityId: community.id, userId: carol.user.id } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await carol.client.post("/api/vote", { dir: "1", id: other.name })).status).toBe(200);
  });

  it("concurrent votes by one user serialize: each event's prev is the dir before it, ending at the row's dir", async () => {
    const post = await newPost();
    const start = (await outbox(api.services)).length;
    const dirs = Array.from({ length: 30 }, (_, i) => String([1, -1, 0, 1, 1, -1][i % 6]));
    const results = await Promise.all(dirs.map((dir) => bob.client.post("/api/vote", { dir, id: post.name })));
    expect(results.map((r) => r.status)).toEqual(dirs.map(() => 200));
    const events = await eventsSince(start);
    let dir = 0;
    for (const e of events) {
      expect(e.data.prev).toBe(dir);
      expect(e.data.dir).not.toBe(dir);
      dir = e.data.dir as number;
    }
    expect((await voteRow(post.name, bob.user.id))?.dir ?? 0).toBe(dir);
  });

  it("many users voting at once on one post: one row and one event each", async () => {
    const post = await newPost();
    const voters = await Promise.all(Array.from({ length: 40 }, (_, i) => userClient(api, `voter${i}`)));
    const start = (await outbox(api.services)).length;
    const results = await Promise.all(voters.map((v, i) => v.client.post("/api/vote", { dir: i % 3 === 0 ? "-1" : "1", id: post.name })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const rows = await api.services.db.vote.findMany({ where: { thingId: idOf(post.name) } });
    expect(rows).toHaveLength(41); // the author's upvote and 40 voters
    expect(rows.filter((r) => r.dir === -1)).toHaveLength(14);
    expect(await eventsSince(start)).toHaveLength(40);
  });
});
