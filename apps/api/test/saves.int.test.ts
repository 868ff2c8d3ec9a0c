import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestApi } from "./harness.js";
import { expectRefused, outbox, startContentApi, userClient, type UserClient } from "./posts-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let alice: UserClient;
let bob: UserClient;
let anon: TestClient;

beforeAll(async () => {
  ({ api, alice, bob, anon } = await startContentApi("keep"));
});
afterAll(async () => {
  await api?.close();
});

async function newPost(title = "keep me") {
  const res = await alice.client.post("/api/submit", { kind: "self", sr: "keep", title, text: "" });
  return res.body.json.data as { id: string; name: string };
}
async function newComment(on: string) {
  const res = await alice.client.post("/api/comment", { thing_id: on, text: "a comment" });
  return res.body.json.data.things[0].data as { id: string; name: string };
}
const names = (body: { data: { children: { data: { name: string } }[] } }) => body.data.children.map((c) => c.data.name);

describe("save and unsave", () => {
  it("are idempotent, answer {}, write no events, and `saved` shows it to the saver only", async () => {
    const post = await newPost();
    const c = await newComment(post.name);
    const events = (await outbox(api.services)).length;
    for (const id of [post.name, post.name, c.name]) {
      const res = await bob.client.post("/api/save/", { id });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({});
      expectResponseMatchesOpenApi("POST", "/api/save", res);
    }
    expect(await api.services.db.saved.count({ where: { userId: bob.user.id } })).toBe(2);
    const asBob = await bob.client.get(`/api/info?id=${post.name},${c.name}`);
    expect(asBob.body.data.children.map((t: { data: { saved: boolean } }) => t.data.saved)).toEqual([true, true]);
    const asAlice = await alice.client.get(`/api/info?id=${post.name}`);
    expect(asAlice.body.data.children[0].data.saved).toBe(false);

    expect((await bob.client.post("/api/unsave", { id: c.name })).body).toEqual({});
    expect((await bob.client.post("/api/unsave", { id: c.name })).status).toBe(200);
    expect(await api.services.db.saved.count({ where: { userId: bob.user.id } })).toBe(1);
    expect((await outbox(api.services)).length).toBe(events);
  });

  it("refuses unknown things, malformed ids and anonymous callers", async () => {
    await expectRefused(api.services, () => bob.client.post("/api/save", { id: "t3_zzzzzz" }), { status: 404, field: "id" });
    await expectRefused(api.services, () => bob.client.post("/api/save", { id: "t5_abc" }), { status: 400, field: "id", code: "INVALID_ID" });
    await expectRefused(api.services, () => anon.post("/api/save", { id: "t3_abc" }), { status: 401 });
  });
});

describe("hide and unhide", () => {
  it("take a comma list of posts, are idempotent, and `hidden` reflects the viewer", async () => {
    const a = await newPost("a");
    const b = await newPost("b");
    const res = await bob.client.post("/api/hide", { id: `${a.name},${b.name}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expectResponseMatchesOpenApi("POST", "/api/hide", res);
    expect((await bob.client.post("/api/hide", { id: a.name })).status).toBe(200);
    expect(await api.services.db.hidden.count({ where: { userId: bob.user.id } })).toBe(2);
    const info = await bob.client.get(`/api/info?id=${a.name},${b.name}`);
    expect(info.body.data.children.map((t: { data: { hidden: boolean } }) => t.data.hidden)).toEqual([true, true]);
    expect((await bob.client.post("/api/unhide", { id: `${a.name}` })).body).toEqual({});
    expect(await api.services.db.hidden.count({ where: { userId: bob.user.id } })).toBe(1);
  });

  it("refuses comments, unknown posts (all or nothing) and more than 50 ids", async () => {
    const a = await newPost("c");
    const c = await newComment(a.name);
    await expectRefused(api.services, () => bob.client.post("/api/hide", { id: c.name }), { status: 400, field: "id", code: "INVALID_ID" });
    await expectRefused(api.services, () => bob.client.post("/api/hide", { id: `${a.name},t3_zzzzzz` }), { status: 404, field: "id" });
    const many = Array.from({ length: 51 }, (_, i) => `t3_${(i + 1).toString(36)}`).join(",");
    await expectRefused(api.services, () => bob.client.post("/api/hide", { id: many }), { status: 400, field: "id", code: "TOO_LONG" });
    await expectRefused(api.services, () => bob.client.post("/api/hide", { id: "" }), { status: 400, field: "id", code: "NO_THING_ID" });
  });
});

describe("GET /user/:name/saved and /hidden", () => {
  it("list the owner's things newest first with after/before cursors", async () => {
    const carol = await userClient(api, "carol");
    const posts = [await newPost("p1"), await newPost("p2"), await newPost("p3")];
    const c = await newComment(posts[0]!.name);
    for (const id of [posts[0]!.name, c.name, posts[1]!.name, posts[2]!.name]) await carol.client.post("/api/save", { id });

    const all = await carol.client.get("/user/carol/saved");
    expect(all.status).toBe(200);
    expectResponseMatchesOpenApi("GET", "/user/carol/saved", all);
    expect(names(all.body)).toEqual([posts[2]!.name, posts[1]!.name, c.name, posts[0]!.name]);
    const comment = all.body.data.children[2];
    expect(comment.kind).toBe("t1");
    expect(comment.data).toMatchObject({ link_title: "p1", link_author: "alice", saved: true });

    const first = await carol.client.get("/user/carol/saved?limit=2");
    expect(names(first.body)).toEqual([posts[2]!.name, posts[1]!.name]);
    expect(first.body.data.after).toBe(posts[1]!.name);
    const second = await carol.client.get(`/user/carol/saved.json?limit=2&after=${first.body.data.after}`);
    expect(names(second.body)).toEqual([c.name, posts[0]!.name]);
    expect(second.body.data.after).toBeNull();
    expect(second.body.data.before).toBe(c.name);
    const back = await carol.client.get(`/user/carol/saved?limit=2&before=${c.name}`);
    expect(names(back.body)).toEqual([posts[2]!.name, posts[1]!.name]);

    await carol.client.post("/api/hide", { id: posts[1]!.name });
    const hidden = await carol.client.get("/user/carol/hidden");
    expect(names(hidden.body)).toEqual([posts[1]!.name]);
    expect(hidden.body.data.children[0].data.hidden).toBe(true);
  });

  it("upvoted and downvoted list the posts the owner voted on, newest vote first, with cursors", async () => {
    const dave = await userClient(api, "dave");
    const posts = [await newPost("v1"), await newPost("v2"), await newPost("v3"), await newPost("v4")];
    const c = await newComment(posts[0]!.name);
    for (const p of [posts[0]!, posts[1]!, posts[2]!]) await dave.client.post("/api/vote", { id: p.name, dir: "1" });
    await dave.client.post("/api/vote", { id: posts[3]!.name, dir: "-1" });
    await dave.client.post("/api/vote", { id: c.name, dir: "1" });
    // A vote changed to down leaves the upvoted list; a comment is in neither (posts only, as on reddit).
    await dave.client.post("/api/vote", { id: posts[1]!.name, dir: "-1" });

    const up = await dave.client.get("/user/dave/upvoted");
    expect(up.status).toBe(200);
    expectResponseMatchesOpenApi("GET", "/user/dave/upvoted", up);
    expect(names(up.body)).toEqual([posts[2]!.name, posts[0]!.name]);
    expect(up.body.data.children[0].data.likes).toBe(true);
    expect(names((await dave.client.get("/user/dave/downvoted.json")).body)).toEqual([posts[1]!.name, posts[3]!.name]);
    const first = await dave.client.get("/user/dave/upvoted?limit=1");
    expect(first.body.data.after).toBe(posts[2]!.name);
    expect(names((await dave.client.get(`/user/dave/upvoted?limit=1&after=${first.body.data.after}`)).body)).toEqual([posts[0]!.name]);
  });

  it("are the owner's alone: 403 for others, 401 for anonymous", async () => {
    const other = await bob.client.get("/user/alice/saved");
    expect(other.status).toBe(403);
    expect((await bob.client.get("/user/alice/hidden")).status).toBe(403);
    expect((await bob.client.get("/user/alice/upvoted")).status).toBe(403);
    expect((await anon.get("/user/alice/saved.json")).status).toBe(401);
  });
});
