import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { thingCacheKey } from "@hivemind/cache";
import { formatFullname, hot as hotScore } from "@hivemind/core";
import { createCommunity, userClient, type UserClient } from "./posts-fixtures.js";
import { insertComment, insertPost, names, startListingApi } from "./listings-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";
import type { TestApi, TestClient } from "./harness.js";

const HOUR = 3_600_000;

let api: TestApi;
let alice: UserClient; // moderates r/pics
let bob: UserClient;
let anon: TestClient;
let pics: { id: bigint };
let posts: Awaited<ReturnType<typeof insertPost>>[];

async function get(client: TestClient, path: string) {
  const res = await client.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectResponseMatchesOpenApi("GET", path, res);
  return res;
}

beforeAll(async () => {
  ({ api, alice, bob, anon } = await startListingApi("pics"));
  pics = (await api.services.db.community.findUniqueOrThrow({ where: { nameLower: "pics" } }));
  // Seven posts: scores and ages chosen so hot, new, top and controversial all differ.
  const spec = [
    { title: "old and big", ups: 500, downs: 10, ageMs: 40 * HOUR },
    { title: "fresh and small", ups: 3, downs: 0, ageMs: 0.2 * HOUR },
    { title: "contested", ups: 60, downs: 55, ageMs: 2 * HOUR },
    { title: "middling", ups: 30, downs: 2, ageMs: 5 * HOUR },
    { title: "buried", ups: 1, downs: 9, ageMs: 1 * HOUR },
    { title: "last week", ups: 900, downs: 0, ageMs: 6 * 24 * HOUR },
    { title: "last year", ups: 2000, downs: 0, ageMs: 200 * 24 * HOUR },
  ];
  posts = [];
  for (const s of spec) posts.push(await insertPost(api.services, { communityId: pics.id, authorId: bob.user.id, url: "https://www.example.com/x", domain: "example.com", ...s }));
});

afterAll(async () => {
  await api?.close();
});

const byTitle = (t: string) => posts.find((p) => p.title === t)!.fullname;

describe("a listing's JSON", () => {
  it("keeps titles with $ sequences as they are, logged out (spliced text) and logged in", async () => {
    const dollars = await createCommunity(api.services, "dollars", alice.user.id);
    const title = "Save $' and $& and $$ and $1 now";
    const post = await insertPost(api.services, { communityId: dollars.id, authorId: bob.user.id, title });
    for (const client of [anon, alice.client]) {
      const res = await get(client, "/r/dollars/new.json");
      expect(res.body.data.children.map((c: { data: { name: string; title: string } }) => [c.data.name, c.data.title])).toEqual([[post.fullname, title]]);
    }
  });
});

describe("community listings", () => {
  it("each sort comes back in its order, as reddit Listing JSON, saying where the ids came from", async () => {
    const hot = await get(anon, "/r/pics/hot.json");
    const hotOrder = [...posts].sort((a, b) => hotScore(b.ups, b.downs, b.createdAt.getTime()) - hotScore(a.ups, a.downs, a.createdAt.getTime()));
    expect(names(hot.body)).toEqual(hotOrder.map((p) => p.fullname));
    expect(hot.headers.get("x-hivemind-listing-source")).toMatch(/^(redis|cassandra|postgres)$/);
    expect(hot.body.data.after).toBeNull();
    const top = await get(anon, "/r/pics/top.json?t=all");
    expect(names(top.body).slice(0, 3)).toEqual(["last year", "last week", "old and big"].map(byTitle));
    const week = await get(anon, "/r/pics/top?t=week");
    expect(names(week.body)).not.toContain(byTitle("last year"));
    expect(names(week.body)[0]).toBe(byTitle("last week"));
    const newest = await get(anon, "/r/pics/new");
    expect(names(newest.body)[0]).toBe(byTitle("fresh and small"));
    const contro = await get(anon, "/r/pics/controversial?t=all");
    expect(names(contro.body)[0]).toBe(byTitle("contested"));
    const rising = await get(anon, "/r/pics/rising");
    expect(names(rising.body)).toContain(byTitle("fresh and small"));
    expect(names(rising.body)).not.toContain(byTitle("last week"));
    // The default sort of a community is hot.
    expect(names((await get(anon, "/r/pics")).body)).toEqual(names(hot.body));
  });

  it("pages by after/before fullnames; limit defaults to 25 and is clamped to 100", async () => {
    const all = names((await get(anon, "/r/pics/hot?limit=1000")).body);
    const p1 = await get(anon, "/r/pics/hot?limit=3");
    expect(names(p1.body)).toEqual(all.slice(0, 3));
    expect(p1.body.data).toMatchObject({ after: all[2], before: null });
    const p2 = await get(anon, `/r/pics/hot?limit=3&after=${all[2]}`);
    expect(names(p2.body)).toEqual(all.slice(3, 6));
    expect(p2.body.data).toMatchObject({ after: all[5], before: all[3] });
    const back = await get(anon, `/r/pics/hot?limit=3&before=${all[3]}`);
    expect(names(back.body)).toEqual(all.slice(0, 3));
    const bad = await anon.get("/r/pics/top?t=fortnight");
    expect(bad.status).toBe(400);
    expect((await anon.get("/r/nosuchplace/hot")).status).toBe(404);
  });

  it("when scores change between two pages, the next page starts below the cursor's new place (docs/architecture.md)", async () => {
    const all = names((await get(anon, "/r/pics/top?t=all")).body);
    const p1 = names((await get(anon, "/r/pics/top?t=all&limit=2")).body);
    expect(p1).toEqual(all.slice(0, 2));
    // "buried" (last) climbs to the top between the reads; it is above the cursor now: skipped.
    const buried = posts.find((p) => p.title === "buried")!;
    await api.services.db.post.update({ where: { id: buried.id }, data: { ups: 5000 } });
    await api.services.reads.invalidateThings([buried.fullname]);
    const p2 = names((await get(anon, `/r/pics/top?t=all&limit=2&after=${p1[1]}`)).body);
    expect(p2).toEqual(all.slice(2, 4));
    expect(p2).not.toContain(buried.fullname);
    await api.services.db.post.update({ where: { id: buried.id }, data: { ups: 1 } });
    await api.services.reads.invalidateThings([buried.fullname]);
  });

  it("the viewer's vote is on each item", async () => {
    const target = posts[0]!;
    const vote = await alice.client.post("/api/vote", { id: target.fullname, dir: "1" });
    expect(vote.status).toBe(200);
    const res = await get(alice.client, "/r/pics/new?limit=100");
    const child = res.body.data.children.find((c: { data: { name: string } }) => c.data.name === target.fullname);
    expect(child.data.likes).toBe(true);
    const other = res.body.data.children.find((c: { data: { name: string } }) => c.data.name !== target.fullname);
    expect(other.data.likes).toBeNull();
  });
});

describe("the rules: removed, deleted, hidden, banned", () => {
  it("a removed post leaves the listings at once (its cached row is deleted by the removal), moderators included", async () => {
    const p = await insertPost(api.services, { communityId: pics.id, authorId: bob.user.id, title: "to remove", ups: 10 });
    expect(names((await get(anon, "/r/pics/new")).body)).toContain(p.fullname);
    expect(await api.services.ring.get(thingCacheKey(p.fullname))).toBeDefined();
    const res = await alice.client.post("/api/remove", { id: p.fullname, spam: "False" });
    expect(res.status).toBe(200);
    expect(await api.services.ring.get(thingCacheKey(p.fullname))).toBeUndefined();
    expect(names((await get(anon, "/r/pics/new")).body)).not.toContain(p.fullname);
    expect(names((await get(bob.client, "/r/pics/new")).body)).not.toContain(p.fullname);
  });

  it("a deleted post is listed for nobody; a hidden one is not listed for the reader who hid it", async () => {
    const gone = await insertPost(api.services, { communityId: pics.id, authorId: bob.user.id, title: "to delete" });
    const hidden = await insertPost(api.services, { communityId: pics.id, authorId: alice.user.id, title: "to hide" });
    expect((await bob.client.post("/api/del", { id: gone.fullname })).status).toBe(200);
    expect((await bob.client.post("/api/hide", { id: hidden.fullname })).status).toBe(200);
    expect(names((await get(anon, "/r/pics/new")).body)).not.toContain(gone.fullname);
    expect(names((await get(bob.client, "/r/pics/new")).body)).not.toContain(hidden.fullname);
    expect(names((await get(anon, "/r/pics/new")).body)).toContain(hidden.fullname);
  });

  it("a ban takes the author's posts out of the community's listings (they are not listable; the post page keeps them)", async () => {
    const carol = await userClient(api, "carol");
    const p = await insertPost(api.services, { communityId: pics.id, authorId: carol.user.id, title: "by carol" });
    expect(names((await get(anon, "/r/pics/new")).body)).toContain(p.fullname);
    const ban = await alice.client.post("/r/pics/api/friend", { name: "carol", type: "banned" });
    expect(ban.status).toBe(200);
    expect(names((await get(anon, "/r/pics/new")).body)).not.toContain(p.fullname);
    expect(names((await get(alice.client, "/r/pics/new")).body)).not.toContain(p.fullname);
    expect((await anon.get(`/comments/${p.id.toString(36)}`)).status).toBe(200);
    expect((await alice.client.post("/r/pics/api/unfriend", { name: "carol", type: "banned" })).status).toBe(200);
    expect(names((await get(anon, "/r/pics/new")).body)).toContain(p.fullname);
  });
});

describe("front page, users, domains", () => {
  it("logged out: the default communities merged; logged in: the reader's subscriptions", async () => {
    const other = await createCommunity(api.services, "quiet", alice.user.id);
    const q = await insertPost(api.services, { communityId: other.id, authorId: alice.user.id, title: "in quiet", ups: 100000 });
    await api.services.db.community.update({ where: { id: pics.id }, data: { subscribers: 10 } });
    const front = names((await get(anon, "/hot.json")).body);
    expect(front).toContain(byTitle("fresh and small"));
    expect(front).toContain(q.fullname); // both are in the default set (top communities by subscribers)
    expect((await bob.client.post("/api/subscribe", { action: "sub", sr_name: "quiet" })).status).toBe(200);
    const mine = names((await get(bob.client, "/hot")).body);
    expect(mine).toEqual([q.fullname]);
    expect(names((await get(bob.client, "/top?t=all")).body)).toEqual([q.fullname]);
    expect((await bob.client.post("/api/subscribe", { action: "unsub", sr_name: "quiet" })).status).toBe(200);
    expect(names((await get(bob.client, "/hot")).body)).toContain(byTitle("fresh and small"));
    // r/all, r/a+b
    expect(names((await get(anon, "/r/all/new")).body)[0]).toBe(q.fullname);
    expect(new Set(names((await get(anon, "/r/pics+quiet/top?t=all")).body))).toContain(q.fullname);
  });

  it("a user's submitted and comments listings, and a domain's", async () => {
    const sub = await get(anon, "/user/bob/submitted?sort=top&t=all");
    expect(names(sub.body)[0]).toBe(byTitle("last year"));
    const c = await insertComment(api.services, { postId: posts[0]!.id, communityId: pics.id, authorId: bob.user.id, body: "a comment" });
    const comments = await get(anon, "/user/bob/comments");
    expect(names(comments.body)).toEqual([c.fullname]);
    expect(comments.body.data.children[0].data.link_title).toBe(posts[0]!.title);
    const domain = await get(anon, "/domain/example.com/top?t=all");
    expect(names(domain.body)[0]).toBe(byTitle("last year"));
    expect(names((await get(anon, "/domain/www.example.com")).body)).toEqual(names((await get(anon, "/domain/example.com/hot")).body));
  });

  it("a user's overview merges their posts and comments under one sort, with cursors (PRAW's redditor.new())", async () => {
    const olive = await userClient(api, "olive");
    const old = await insertPost(api.services, { communityId: pics.id, authorId: olive.user.id, title: "olive's old post", ups: 50, ageMs: 3 * HOUR });
    const reply = await insertComment(api.services, { postId: old.id, communityId: pics.id, authorId: olive.user.id, body: "olive's reply", ups: 7 });
    const fresh = await insertPost(api.services, { communityId: pics.id, authorId: olive.user.id, title: "olive's new post", ups: 2 });
    // new: newest first, posts and comments interleaved; the trailing slash and .json as PRAW sends them.
    const all = names((await get(anon, "/user/olive/?sort=new&raw_json=1")).body);
    expect(all).toEqual([fresh.fullname, reply.fullname, old.fullname]);
    expect(names((await get(anon, "/user/olive/overview.json?sort=top&t=all")).body)).toEqual([old.fullname, reply.fullname, fresh.fullname]);
    // Page by fullname across the two kinds.
    const first = await get(anon, "/user/olive/overview?sort=new&limit=2");
    expect(names(first.body)).toEqual([fresh.fullname, reply.fullname]);
    expect(first.body.data.after).toBe(reply.fullname);
    expect(names((await get(anon, `/user/olive/overview?sort=new&limit=2&after=${reply.fullname}`)).body)).toEqual([old.fullname]);
    // The listings' one visibility rule: a removed post leaves the overview, moderators included.
    await api.services.db.post.update({ where: { id: old.id }, data: { removed: true } });
    await api.services.reads.invalidateThings([old.fullname]);
    for (const client of [anon, alice.client]) expect(names((await get(client, "/user/olive?sort=new")).body)).toEqual([fresh.fullname, reply.fullname]);
    expect((await anon.get("/user/olive/overview?sort=rising")).status).toBe(400);
    expect((await anon.get("/user/nobody_here/overview")).status).toBe(404);
  });
});

it("hydration reads each page's things from the thing cache after the first read", async () => {
  const name = formatFullname("t3", posts[1]!.id);
  const key = thingCacheKey(name);
  // What a write does after its commit: the entry leaves the ring and this process's local copy.
  await api.services.reads.invalidateThings([name]);
  expect(await api.services.ring.get(key)).toBeUndefined();
  await get(anon, "/r/pics/hot");
  expect(await api.services.ring.get(key)).toMatchObject({ title: posts[1]!.title });
  const stats = { hits: 0, misses: 0 };
  await api.services.reads.listing(null, { owner: { type: "community", id: pics.id }, sort: "hot", t: "all" }, { stats });
  expect(stats.misses).toBe(0);
  expect(stats.hits).toBeGreaterThan(0);
});
