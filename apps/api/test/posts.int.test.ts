import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestApi } from "./harness.js";
import { expectRefused, outbox, startContentApi, userClient, type UserClient } from "./posts-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let alice: UserClient;
let bob: UserClient;
let anon: TestClient;

beforeAll(async () => {
  ({ api, alice, bob, anon } = await startContentApi("pics"));
});
afterAll(async () => {
  await api?.close();
});

// PRAW's form for Subreddit.submit, minus api_type (TestClient adds it).
function prawSubmit(fields: Record<string, string>) {
  return { nsfw: "False", resubmit: "True", sendreplies: "True", spoiler: "False", validate_on_submit: "True", ...fields };
}

describe("POST /api/submit", () => {
  it("creates a self post with its author's upvote and announces both in the outbox", async () => {
    const before = (await outbox(api.services)).length;
    const res = await alice.client.post("/api/submit/", prawSubmit({ kind: "self", sr: "pics", title: "Hello *world*", text: "some **bold** text" }));
    expect(res.status).toBe(200);
    const { id, name, url } = res.body.json.data;
    expect(res.body).toEqual({ json: { errors: [], data: { url: `${api.url}/r/pics/comments/${id}/hello_world/`, id, name: `t3_${id}` } } });
    expectResponseMatchesOpenApi("POST", "/api/submit", res);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/r\/pics\/comments\/[0-9a-z]+\/hello_world\/$/);

    const post = await api.services.db.post.findUniqueOrThrow({ where: { id: BigInt(parseInt(id, 36)) } });
    expect(post).toMatchObject({ kind: "self", title: "Hello *world*", body: "some **bold** text", url: null, domain: "self.pics", ups: 1, downs: 0 });
    const votes = await api.services.db.vote.findMany({ where: { thingId: post.id } });
    // The author's upvote is counted as the post is created: score 1 at once, nothing left for the tally.
    expect(votes).toEqual([expect.objectContaining({ userId: alice.user.id, kind: 3, dir: 1, countedDir: 1 })]);

    const events = (await outbox(api.services)).slice(before);
    expect(events.map((e) => [e.topic, e.key, e.type])).toEqual([
      ["things", name, "thing.created"],
      ["votes", name, "vote.cast"],
    ]);
    expect(events[0]?.data).toMatchObject({ thing: name, post: name, parent: null, domain: null, author: alice.user.id.toString(36) });
    expect(events[1]?.data).toMatchObject({ thing: name, user: alice.user.id.toString(36), dir: 1, prev: 0 });
  });

  it("creates a link post with its domain extracted", async () => {
    const res = await alice.client.post("/api/submit", prawSubmit({ kind: "link", sr: "PICS", title: "A link", url: "https://www.Example.com/a?b=1" }));
    expect(res.status).toBe(200);
    const post = await api.services.db.post.findUniqueOrThrow({ where: { id: BigInt(parseInt(res.body.json.data.id, 36)) } });
    expect(post).toMatchObject({ kind: "link", url: "https://www.Example.com/a?b=1", domain: "example.com", body: "" });
    const [created] = (await outbox(api.services)).filter((e) => e.key === res.body.json.data.name && e.type === "thing.created");
    expect(created?.data.domain).toBe("example.com");
  });

  it.each([
    ["a javascript: url", { kind: "link", title: "x", url: "javascript:alert(1)" }, "url", "BAD_URL"],
    ["an ftp url", { kind: "link", title: "x", url: "ftp://example.com/f" }, "url", "BAD_URL"],
    ["a link without url", { kind: "link", title: "x" }, "url", "NO_URL"],
    ["no title", { kind: "self", title: "   ", text: "" }, "title", "NO_TEXT"],
    ["a title over 300 characters", { kind: "self", title: "t".repeat(301) }, "title", "TOO_LONG"],
    ["a self text over 40000 characters", { kind: "self", title: "x", text: "a".repeat(40001) }, "text", "TOO_LONG"],
    ["an unknown kind", { kind: "video", title: "x" }, "kind", "INVALID_OPTION"],
  ])("refuses %s with 400 naming the field, writing nothing", async (_name, form, field, code) => {
    await expectRefused(api.services, () => alice.client.post("/api/submit", { sr: "pics", ...form }), { status: 400, field, code });
  });

  it("refuses an unknown community as SUBREDDIT_NOEXIST on sr", async () => {
    await expectRefused(api.services, () => alice.client.post("/api/submit", { kind: "self", sr: "nowhere", title: "x" }), {
      status: 400,
      field: "sr",
      code: "SUBREDDIT_NOEXIST",
    });
  });

  it("refuses a banned user and an anonymous one", async () => {
    const pics = await api.services.db.community.findUniqueOrThrow({ where: { nameLower: "pics" } });
    const carol = await userClient(api, "carol");
    await api.services.db.ban.create({ data: { communityId: pics.id, userId: carol.user.id, bannedBy: alice.user.id } });
    await expectRefused(api.services, () => carol.client.post("/api/submit", { kind: "self", sr: "pics", title: "x" }), { status: 400, code: "BANNED" });
    await expectRefused(api.services, () => anon.post("/api/submit", { kind: "self", sr: "pics", title: "x" }), { status: 401, code: "USER_REQUIRED" });
  });
});

async function submitSelf(client: TestClient, title = "a post", text = "body") {
  const res = await client.post("/api/submit", { kind: "self", sr: "pics", title, text });
  expect(res.status).toBe(200);
  return res.body.json.data as { id: string; name: string; url: string };
}

describe("reading a post", () => {
  it("GET /comments/:id answers [Listing t3, Listing t1] with reddit's t3 fields", async () => {
    const { id, name } = await submitSelf(alice.client, "Read me", "Hi <script>alert(1)</script> [x](javascript:alert(1))");
    for (const path of [`/comments/${id}`, `/comments/${id}/read_me/`, `/r/pics/comments/${id}/read_me.json`]) {
      const res = await alice.client.get(`${path}?limit=2048&sort=confidence&raw_json=1`);
      expect(res.status).toBe(200);
      expectResponseMatchesOpenApi("GET", path, res);
      expect(res.body).toHaveLength(2);
      expect(res.body[1]).toMatchObject({ kind: "Listing", data: { children: [], after: null } });
      const t3 = res.body[0].data.children[0];
      expect(t3.kind).toBe("t3");
      expect(t3.data).toMatchObject({
        id,
        name,
        author: "alice",
        subreddit: "pics",
        title: "Read me",
        is_self: true,
        domain: "self.pics",
        url: `${api.url}/r/pics/comments/${id}/read_me/`,
        permalink: `/r/pics/comments/${id}/read_me/`,
        likes: true,
        saved: false,
        hidden: false,
        edited: false,
        locked: false,
        stickied: false,
        archived: false,
        over_18: false,
        spoiler: false,
        distinguished: null,
        num_comments: 0,
      });
      expect(t3.data.subreddit_id).toMatch(/^t5_/);
      expect(typeof t3.data.created_utc).toBe("number");
      expect(t3.data.selftext_html).not.toMatch(/<script|href="javascript/i);
      expect(t3.data.selftext_html).toMatch(/^<div class="md">/);
    }
    const other = await bob.client.get(`/comments/${id}`);
    expect(other.body[0].data.children[0].data.likes).toBeNull();
    const anonymous = await anon.get(`/comments/${id}.json`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body[0].data.children[0].data.likes).toBeNull();
  });

  it("answers 404 for an unknown post and 400 for a malformed id", async () => {
    expect((await anon.get("/comments/zzzzzz.json")).status).toBe(404);
    const bad = await anon.get("/comments/NOT-AN-ID.json");
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual(["id"]);
  });

  it("GET /api/info returns a Listing in the order asked", async () => {
    const a = await submitSelf(alice.client, "first");
    const b = await submitSelf(bob.client, "second");
    const res = await alice.client.get(`/api/info?id=${b.name},${a.name},t3_zzzzzz`);
    expect(res.status).toBe(200);
    expectResponseMatchesOpenApi("GET", "/api/info", res);
    expect(res.body.data.children.map((c: { data: { name: string } }) => c.data.name)).toEqual([b.name, a.name]);
    const bad = await alice.client.get("/api/info?id=nonsense");
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual(["id"]);
  });
});

describe("editing and deleting a post", () => {
  it("the author edits a self post: things[0] is the whole t3, edited is a time, thing.edited is written", async () => {
    const { name } = await submitSelf(alice.client, "editable", "old text");
    const before = (await outbox(api.services)).length;
    const res = await alice.client.post("/api/editusertext/", { thing_id: name, text: "new *text*", validate_on_submit: "True" });
    expect(res.status).toBe(200);
    expectResponseMatchesOpenApi("POST", "/api/editusertext", res);
    const [thing] = res.body.json.data.things;
    expect(thing.kind).toBe("t3");
    expect(thing.data).toMatchObject({ name, selftext: "new *text*", selftext_html: '<div class="md"><p>new <em>text</em></p>\n</div>' });
    expect(typeof thing.data.edited).toBe("number");
    const events = (await outbox(api.services)).slice(before);
    expect(events.map((e) => [e.topic, e.key, e.type])).toEqual([["things", name, "thing.edited"]]);
    expect(events[0]?.data).toMatchObject({ thing: name, post: name, by: alice.user.id.toString(36) });
  });

  it("nobody else edits or deletes it (403), anonymous gets 401, a link post has no text to edit", async () => {
    const { name } = await submitSelf(alice.client, "mine");
    await expectRefused(api.services, () => bob.client.post("/api/editusertext", { thing_id: name, text: "hijack" }), { status: 403, code: "NOT_AUTHOR" });
    await expectRefused(api.services, () => bob.client.post("/api/del", { id: name }), { status: 403, code: "NOT_AUTHOR" });
    await expectRefused(api.services, () => anon.post("/api/editusertext", { thing_id: name, text: "x" }), { status: 401 });
    await expectRefused(api.services, () => anon.post("/api/del", { id: name }), { status: 401 });
    await expectRefused(api.services, () => alice.client.post("/api/editusertext", { thing_id: name, text: "x".repeat(40001) }), {
      status: 400,
      field: "text",
      code: "TOO_LONG",
    });
    const link = await alice.client.post("/api/submit", { kind: "link", sr: "pics", title: "l", url: "http://example.org/" });
    await expectRefused(api.services, () => alice.client.post("/api/editusertext", { thing_id: link.body.json.data.name, text: "x" }), {
      status: 400,
      field: "thing_id",
    });
    await expectRefused(api.services, () => alice.client.post("/api/editusertext", { thing_id: "t3_zzzzzz", text: "x" }), { status: 404, field: "thing_id" });
    await expectRefused(api.services, () => alice.client.post("/api/del", { id: "t5_abc" }), { status: 400, field: "id", code: "INVALID_ID" });
  });

  it("the author deletes a post: the row stays, it shows [deleted], thing.deleted is written once", async () => {
    const { id, name } = await submitSelf(alice.client, "doomed", "secret");
    const before = (await outbox(api.services)).length;
    const res = await alice.client.post("/api/del/", { id: name });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expectResponseMatchesOpenApi("POST", "/api/del", res);
    const row = await api.services.db.post.findUniqueOrThrow({ where: { id: BigInt(parseInt(id, 36)) } });
    expect(row.deleted).toBe(true);
    const page = await bob.client.get(`/comments/${id}`);
    expect(page.body[0].data.children[0].data).toMatchObject({ author: "[deleted]", selftext: "[deleted]", selftext_html: null, title: "doomed" });
    expect(JSON.stringify(page.body)).not.toContain("secret");
    // Deleting again changes nothing.
    expect((await alice.client.post("/api/del", { id: name })).status).toBe(200);
    const events = (await outbox(api.services)).slice(before);
    expect(events.map((e) => [e.topic, e.key, e.type])).toEqual([["things", name, "thing.deleted"]]);
    // A deleted post cannot be edited.
    await expectRefused(api.services, () => alice.client.post("/api/editusertext", { thing_id: name, text: "back" }), { status: 400, code: "DELETED" });
  });
});
