import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestApi } from "./harness.js";
import { expectRefused, outbox, startContentApi, userClient, type UserClient } from "./posts-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let alice: UserClient; // moderator of r/talk
let bob: UserClient;
let anon: TestClient;

type Thing = { kind: string; data: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  ({ api, alice, bob, anon } = await startContentApi("talk"));
});
afterAll(async () => {
  await api?.close();
});

const id36 = (id: bigint) => id.toString(36);
const idOf = (name: string) => BigInt(parseInt(name.slice(3), 36));

async function newPost(title = "a thread") {
  const res = await bob.client.post("/api/submit", { kind: "self", sr: "talk", title, text: "" });
  expect(res.status).toBe(200);
  return res.body.json.data as { id: string; name: string };
}

async function reply(client: TestClient, thingId: string, text: string): Promise<Thing> {
  const res = await client.post("/api/comment/", { thing_id: thingId, text });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.json.data.things[0];
}

/** Sets the counts the tally would have written, to exercise the sorts. */
async function setCounts(name: string, ups: number, downs: number) {
  await api.services.db.comment.updateMany({ where: { id: idOf(name) }, data: { ups, downs } });
}

async function page(path: string, client: TestClient = bob.client): Promise<[Thing, Thing[]]> {
  const res = await client.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectResponseMatchesOpenApi("GET", path, res);
  return [res.body[0].data.children[0], res.body[1].data.children];
}

describe("POST /api/comment", () => {
  it("replies at any depth; each reply is one row, its author's upvote, thing.created and vote.cast", async () => {
    const post = await newPost();
    const before = (await outbox(api.services)).length;
    const top = await reply(alice.client, post.name, "top *level*");
    expect(top.kind).toBe("t1");
    expect(top.data).toMatchObject({
      author: "alice",
      body: "top *level*",
      body_html: '<div class="md"><p>top <em>level</em></p>\n</div>',
      link_id: post.name,
      parent_id: post.name,
      subreddit: "talk",
      depth: 0,
      replies: "",
      likes: true,
      edited: false,
      is_submitter: false,
    });
    expect(top.data.name).toBe(`t1_${top.data.id}`);
    expect(top.data.permalink).toBe(`/r/talk/comments/${post.id}/a_thread/${top.data.id}/`);

    let parent = top;
    for (let depth = 1; depth <= 4; depth++) {
      const res = await bob.client.post("/api/comment", { thing_id: parent.data.name, text: `depth ${depth}` });
      expect(res.status).toBe(200);
      expectResponseMatchesOpenApi("POST", "/api/comment", res);
      const child = res.body.json.data.things[0] as Thing;
      expect(child.data).toMatchObject({ depth, parent_id: parent.data.name, link_id: post.name, is_submitter: true, replies: "" });
      parent = child;
    }
    const row = await api.services.db.comment.findFirstOrThrow({ where: { id: idOf(parent.data.name) } });
    expect(row).toMatchObject({ depth: 4, postId: idOf(post.name), parentId: idOf(parent.data.parent_id) });
    const vote = await api.services.db.vote.findUniqueOrThrow({ where: { thingId_userId: { thingId: row.id, userId: bob.user.id } } });
    expect(vote).toMatchObject({ kind: 1, dir: 1 });

    const events = (await outbox(api.services)).slice(before);
    expect(events).toHaveLength(10);
    expect(events.slice(0, 2).map((e) => [e.topic, e.key, e.type])).toEqual([
      ["things", top.data.name, "thing.created"],
      ["votes", top.data.name, "vote.cast"],
    ]);
    expect(events[0]?.data).toMatchObject({ thing: top.data.name, post: post.name, parent: post.name, domain: null });
    expect(events[1]?.data).toMatchObject({ dir: 1, prev: 0, user: id36(alice.user.id) });
    expect(events[8]?.data).toMatchObject({ thing: parent.data.name, parent: parent.data.parent_id, post: post.name });
  });

  it("refuses bad input, unknown and missing parents, anonymous callers: 4xx naming the field, nothing written", async () => {
    const post = await newPost();
    const s = api.services;
    await expectRefused(s, () => alice.client.post("/api/comment", { thing_id: post.name, text: "   " }), { status: 400, field: "text", code: "NO_TEXT" });
    await expectRefused(s, () => alice.client.post("/api/comment", { thing_id: post.name, text: "x".repeat(10001) }), { status: 400, field: "text", code: "TOO_LONG" });
    await expectRefused(s, () => alice.client.post("/api/comment", { thing_id: "t5_abc", text: "x" }), { status: 400, field: "thing_id", code: "INVALID_ID" });
    await expectRefused(s, () => alice.client.post("/api/comment", { text: "x" }), { status: 400, field: "thing_id", code: "INVALID_ID" });
    await expectRefused(s, () => alice.client.post("/api/comment", { thing_id: "t1_zzzzzz", text: "x" }), { status: 404, field: "thing_id" });
    await expectRefused(s, () => anon.post("/api/comment", { thing_id: post.name, text: "x" }), { status: 401 });
  });

  it("refuses a locked thread (except to its moderators), removed or deleted parents, banned users", async () => {
    const post = await newPost();
    const s = api.services;
    const c = await reply(bob.client, post.name, "a comment");
    await s.db.post.update({ where: { id: idOf(post.name) }, data: { locked: true } });
    await expectRefused(s, () => bob.client.post("/api/comment", { thing_id: post.name, text: "x" }), { status: 400, field: "thing_id", code: "THREAD_LOCKED" });
    await expectRefused(s, () => bob.client.post("/api/comment", { thing_id: c.data.name, text: "x" }), { status: 400, code: "THREAD_LOCKED" });
    await reply(alice.client, post.name, "moderators may still speak");
    await s.db.post.update({ where: { id: idOf(post.name) }, data: { locked: false } });

    await s.db.comment.updateMany({ where: { id: idOf(c.data.name) }, data: { removed: true } });
    await expectRefused(s, () => bob.client.post("/api/comment", { thing_id: c.data.name, text: "x" }), { status: 400, field: "thing_id", code: "REMOVED" });
    await s.db.comment.updateMany({ where: { id: idOf(c.data.name) }, data: { removed: false, deleted: true } });
    await expectRefused(s, () => bob.client.post("/api/comment", { thing_id: c.data.name, text: "x" }), { status: 400, field: "thing_id", code: "DELETED" });
    await s.db.post.update({ where: { id: idOf(post.name) }, data: { removed: true } });
    await expectRefused(s, () => bob.client.post("/api/comment", { thing_id: post.name, text: "x" }), { status: 400, code: "REMOVED" });
    await s.db.post.update({ where: { id: idOf(post.name) }, data: { removed: false } });

    const talk = await s.db.community.findUniqueOrThrow({ where: { nameLower: "talk" } });
    const carol = await userClient(api, "carol");
    await s.db.ban.create({ data: { communityId: talk.id, userId: carol.user.id, bannedBy: alice.user.id } });
    await expectRefused(s, () => carol.client.post("/api/comment", { thing_id: post.name, text: "x" }), { status: 400, code: "BANNED" });
  });
});

describe("comment markdown over HTTP", () => {
  it("renders script, iframe, javascript: links, on* attributes and data: URLs inert in body_html", async () => {
    const post = await newPost("xss");
    const evil = [
      "<script>alert(1)</script>",
      '<iframe src="https://evil.example"></iframe>',
      "[x](javascript:alert(1))",
      "<img src=x onerror=alert(1)>",
      "[d](data:text/html;base64,PHNjcmlwdD4=)",
    ].join("\n\n");
    const c = await reply(bob.client, post.name, evil);
    for (const html of [c.data.body_html, (await page(`/comments/${post.id}`))[1][0]?.data.body_html]) {
      expect(html).toMatch(/^<div class="md">/);
      expect(html).not.toMatch(/<(script|iframe|img)|<[^>]*\son\w+=|href="(javascript|data):/i);
    }
    expect(c.data.body).toBe(evil);
  });
});

describe("editing and deleting a comment", () => {
  it("the author edits: things[0] is the t1, edited is a time, thing.edited; nobody else may (403)", async () => {
    const post = await newPost();
    const c = await reply(alice.client, post.name, "before");
    const before = (await outbox(api.services)).length;
    const res = await alice.client.post("/api/editusertext", { thing_id: c.data.name, text: "after" });
    expect(res.status).toBe(200);
    expectResponseMatchesOpenApi("POST", "/api/editusertext", res);
    expect(res.body.json.data.things[0]).toMatchObject({ kind: "t1", data: { name: c.data.name, body: "after" } });
    expect(typeof res.body.json.data.things[0].data.edited).toBe("number");
    expect((await outbox(api.services)).slice(before).map((e) => [e.topic, e.key, e.type])).toEqual([["things", c.data.name, "thing.edited"]]);
    await expectRefused(api.services, () => bob.client.post("/api/editusertext", { thing_id: c.data.name, text: "mine now" }), { status: 403, code: "NOT_AUTHOR" });
    await expectRefused(api.services, () => alice.client.post("/api/editusertext", { thing_id: c.data.name, text: "" }), { status: 400, field: "text", code: "NO_TEXT" });
    await expectRefused(api.services, () => bob.client.post("/api/del", { id: c.data.name }), { status: 403, code: "NOT_AUTHOR" });
  });

  it("a deleted comment keeps the thread's shape: [deleted] body and author, replies stay", async () => {
    const post = await newPost("shape");
    const parent = await reply(alice.client, post.name, "secret words");
    const child = await reply(bob.client, parent.data.name, "still here");
    const before = (await outbox(api.services)).length;
    expect((await alice.client.post("/api/del", { id: parent.data.name })).body).toEqual({});
    expect((await outbox(api.services)).slice(before).map((e) => [e.topic, e.key, e.type])).toEqual([["things", parent.data.name, "thing.deleted"]]);
    const [, comments] = await page(`/comments/${post.id}`);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.data).toMatchObject({ name: parent.data.name, author: "[deleted]", body: "[deleted]" });
    expect(JSON.stringify(comments)).not.toContain("secret words");
    expect(comments[0]?.data.replies.data.children[0].data).toMatchObject({ name: child.data.name, body: "still here", author: "bob", depth: 1 });
  });

  it("a removed comment shows [removed] to readers and its body, with removed: true, to moderators", async () => {
    const post = await newPost("removal");
    const c = await reply(bob.client, post.name, "rude words");
    await api.services.db.comment.updateMany({ where: { id: idOf(c.data.name) }, data: { removed: true, removedBy: alice.user.id } });
    const [, asReader] = await page(`/comments/${post.id}`, bob.client);
    expect(asReader[0]?.data).toMatchObject({ body: "[removed]", author: "[deleted]" });
    expect(asReader[0]?.data.removed).toBeUndefined();
    const [, asMod] = await page(`/comments/${post.id}`, alice.client);
    expect(asMod[0]?.data).toMatchObject({ body: "rude words", author: "bob", removed: true, banned_by: "alice" });
  });
});

describe("the comment tree", () => {
  let post: { id: string; name: string };
  const c = {} as Record<"a" | "b" | "c" | "a1" | "a2" | "a11", Thing>;

  beforeAll(async () => {
    // a (best), b, c at the top level; a has replies a1, a2; a1 has a11.
    post = await newPost("tree");
    c.a = await reply(alice.client, post.name, "a");
    c.b = await reply(bob.client, post.name, "b");
    c.c = await reply(alice.client, post.name, "c");
    c.a1 = await reply(bob.client, c.a.data.name, "a1");
    c.a2 = await reply(alice.client, c.a.data.name, "a2");
    c.a11 = await reply(alice.client, c.a1.data.name, "a11");
    await setCounts(c.a.data.name, 50, 2);
    await setCounts(c.b.data.name, 10, 30);
    await setCounts(c.c.data.name, 20, 1);
    await setCounts(c.a1.data.name, 5, 0);
    await setCounts(c.a2.data.name, 9, 0);
    await setCounts(c.a11.data.name, 1, 0);
  });

  const names = (list: Thing[]) => list.map((t) => (t.kind === "more" ? `more(${t.data.children.length}/${t.data.count})` : t.data.body));

  it("nests replies in Listings with depth, sorted by confidence by default", async () => {
    const [link, top] = await page(`/comments/${post.id}?limit=2048&sort=confidence&raw_json=1`);
    expect(link.data.id).toBe(post.id);
    expect(names(top)).toEqual(["a", "c", "b"]);
    const a = top[0] as Thing;
    expect(a.data.replies).toMatchObject({ kind: "Listing", data: { after: null, before: null } });
    expect(names(a.data.replies.data.children)).toEqual(["a2", "a1"]);
    const a1 = a.data.replies.data.children[1];
    expect(a1.data.depth).toBe(1);
    expect(a1.data.replies.data.children[0].data).toMatchObject({ body: "a11", depth: 2, parent_id: c.a1.data.name, replies: "" });
    expect(top[1]?.data.replies).toBe("");
  });

  it.each([
    ["top", ["a", "c", "b"]],
    ["new", ["c", "b", "a"]],
    ["old", ["a", "b", "c"]],
    ["controversial", ["b", "a", "c"]],
  ])("sort=%s orders the top level", async (sort, order) => {
    const [, top] = await page(`/comments/${post.id}?sort=${sort}`);
    expect(names(top)).toEqual(order);
  });

  it("refuses an unknown sort naming the field", async () => {
    const res = await bob.client.get(`/comments/${post.id}?sort=sideways`);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual(["sort"]);
  });

  it("limit keeps the best comments and leaves `more` objects for the rest", async () => {
    const [, top] = await page(`/comments/${post.id}?limit=3`);
    // Chosen best-first across levels: a (0.9x), a2, c; the rest are counted in mores.
    expect(names(top)).toEqual(["a", "c", "more(1/1)"]);
    const more = top[2] as Thing;
    expect(more.data).toEqual({ count: 1, children: [c.b.data.id], id: c.b.data.id, name: `t1_${c.b.data.id}`, parent_id: post.name, depth: 0 });
    const aReplies = (top[0] as Thing).data.replies.data.children;
    expect(names(aReplies)).toEqual(["a2", "more(1/2)"]);
    expect(aReplies[1].data).toMatchObject({ parent_id: c.a.data.name, children: [c.a1.data.id], count: 2, depth: 1 });
  });

  it("below `depth` a comment with replies gets “continue this thread”, which /comments/:id/_/:comment answers", async () => {
    const [, top] = await page(`/comments/${post.id}?depth=2`);
    const a1 = (top[0] as Thing).data.replies.data.children[1];
    expect(a1.data.body).toBe("a1");
    expect(a1.data.replies.data.children).toEqual([
      { kind: "more", data: { count: 0, children: [], id: "_", name: "t1__", parent_id: c.a1.data.name, depth: 2 } },
    ]);
    // PRAW's MoreComments._continue_comments: [1].children is exactly the comment.
    const [link, focused] = await page(`/comments/${post.id}/_/${c.a1.data.id}?limit=2048&sort=confidence`);
    expect(link.data.name).toBe(post.name);
    expect(focused).toHaveLength(1);
    expect(focused[0]?.data).toMatchObject({ name: c.a1.data.name, body: "a1" });
    expect(names(focused[0]?.data.replies.data.children)).toEqual(["a11"]);
    // With context, the ancestors above it (and only the path).
    const [, withContext] = await page(`/r/talk/comments/${post.id}/tree/${c.a11.data.id}?context=2`);
    expect(names(withContext)).toEqual(["a"]);
    expect(names(withContext[0]?.data.replies.data.children)).toEqual(["a1"]);
    expect(names(withContext[0]?.data.replies.data.children[0].data.replies.data.children)).toEqual(["a11"]);
    // Comment.refresh sends context=100: at most 8 ancestors, the path down to the comment.
    const [, refreshed] = await page(`/comments/${post.id}/_/${c.a11.data.id}?context=100`);
    expect(names(refreshed)).toEqual(["a"]);
    expect((await bob.client.get(`/comments/${post.id}/_/zzzzzz`)).status).toBe(404);
  });

  it("POST /api/morechildren returns the asked-for comments and their replies flat, parents first, replies \"\"", async () => {
    const res = await bob.client.post("/api/morechildren/", { children: [c.a1.data.id, c.b.data.id].join(","), link_id: post.name, sort: "confidence" });
    expect(res.status).toBe(200);
    expectResponseMatchesOpenApi("POST", "/api/morechildren", res);
    const things = res.body.json.data.things as Thing[];
    expect(names(things)).toEqual(["a1", "a11", "b"]);
    for (const t of things) expect(t.data.replies).toBe("");
    expect(things[1]?.data.parent_id).toBe(c.a1.data.name);
    const get = await bob.client.get(`/api/morechildren?children=${c.b.data.id}&link_id=${post.name}`);
    expect(names(get.body.json.data.things)).toEqual(["b"]);
  });

  it("morechildren refuses ids outside the post, a bad link_id, and no ids", async () => {
    const other = await newPost("other");
    const o = await reply(bob.client, other.name, "elsewhere");
    const wrong = await bob.client.post("/api/morechildren", { children: o.data.id, link_id: post.name });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields).toEqual(["children"]);
    const badLink = await bob.client.post("/api/morechildren", { children: o.data.id, link_id: "t1_abc" });
    expect(badLink.body.fields).toEqual(["link_id"]);
    const none = await bob.client.post("/api/morechildren", { children: "", link_id: post.name });
    expect(none.status).toBe(400);
    expect(none.body.fields).toEqual(["children"]);
  });

  it("GET /api/info finds comments", async () => {
    const res = await anon.get(`/api/info?id=${c.a11.data.name},${post.name}`);
    expect(res.body.data.children.map((t: Thing) => [t.kind, t.data.name])).toEqual([
      ["t1", c.a11.data.name],
      ["t3", post.name],
    ]);
    expect(res.body.data.children[0].data.replies).toBe("");
  });
});
