import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity, type UserClient } from "./posts-fixtures.js";
import { formatFullname, minIdForTime, parseFullname } from "@hivemind/core";
import { names, startListingApi } from "./listings-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";
import type { TestApi, TestClient } from "./harness.js";

const HOUR = 3_600_000;

let api: TestApi;
let alice: UserClient;
let bob: UserClient;
let anon: TestClient;
let posts: Record<string, string>;

async function search(path: string, client: TestClient = anon): Promise<string[]> {
  const res = await client.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectResponseMatchesOpenApi("GET", path, res);
  return names(res.body);
}

beforeAll(async () => {
  ({ api, alice, bob, anon } = await startListingApi("gardens"));
  const gardens = await api.services.db.community.findUniqueOrThrow({ where: { nameLower: "gardens" } });
  const kitchens = await createCommunity(api.services, "kitchens", alice.user.id);
  // Ids carry a post's age (the search's "new" and time filter read them), so each is made for it.
  const add = async (key: string, communityId: bigint, title: string, o: { ups?: number; ageMs?: number; body?: string } = {}) => {
    const created = api.services.now() - (o.ageMs ?? 0);
    const id = minIdForTime(created) + BigInt(Math.floor(Math.random() * 4_000_000));
    await api.services.db.post.create({ data: { id, communityId, authorId: bob.user.id, title, kind: "self", domain: "self.x", body: o.body ?? "", ups: o.ups ?? 1, createdAt: new Date(created) } });
    posts[key] = formatFullname("t3", id);
  };
  posts = {};
  await add("tomatoes", gardens.id, "Growing tomatoes in a cold spring", { ups: 40, ageMs: 30 * HOUR });
  await add("seeds", gardens.id, "A seed library opens", { ups: 5, ageMs: 2 * HOUR, body: "Bring your tomato seeds to swap." });
  await add("sauce", kitchens.id, "The best tomato sauce", { ups: 90, ageMs: 10 * 24 * HOUR });
  await add("bread", kitchens.id, "Sourdough bread at home", { ups: 70, ageMs: 1 * HOUR });
});

afterAll(async () => {
  await api?.close();
});

describe("search", () => {
  it("finds posts by title and text, stemmed (tomato matches tomatoes), in the sort asked for", async () => {
    const relevant = await search("/search.json?q=tomato");
    expect(new Set(relevant)).toEqual(new Set([posts.tomatoes, posts.seeds, posts.sauce]));
    expect(await search("/search?q=tomato&sort=new")).toEqual([posts.seeds, posts.tomatoes, posts.sauce]);
    expect(await search("/search?q=tomato&sort=top")).toEqual([posts.sauce, posts.tomatoes, posts.seeds]);
    // The time filter: the sauce is ten days old.
    expect(await search("/search?q=tomato&sort=top&t=week")).toEqual([posts.tomatoes, posts.seeds]);
    // Websearch syntax: a quoted phrase, a word left out.
    expect(await search('/search?q="seed library"')).toEqual([posts.seeds]);
    expect(new Set(await search("/search?q=tomato -sauce"))).toEqual(new Set([posts.tomatoes, posts.seeds]));
    expect(await search("/search?q=zucchini")).toEqual([]);
  });

  it("on a community's path restrict_sr keeps to it; without it, and on r/all, every community is searched", async () => {
    expect(new Set(await search("/r/gardens/search.json?q=tomato&restrict_sr=on"))).toEqual(new Set([posts.tomatoes, posts.seeds]));
    expect(await search("/r/kitchens/search/?q=tomato&restrict_sr=True")).toEqual([posts.sauce]);
    expect(await search("/r/kitchens/search?q=tomato&sort=new")).toHaveLength(3);
    expect(await search("/r/all/search?q=tomato&restrict_sr=True&sort=new")).toHaveLength(3);
    expect((await anon.get("/r/nowhere/search?q=tomato&restrict_sr=on")).status).toBe(404);
  });

  it("pages by after/before fullnames, and the listings' rules hold: a removed post is not found", async () => {
    const first = await anon.get("/search?q=tomato&sort=new&limit=2");
    expect(names(first.body)).toEqual([posts.seeds, posts.tomatoes]);
    expect(first.body.data.after).toBe(posts.tomatoes);
    const next = await anon.get(`/search?q=tomato&sort=new&limit=2&after=${posts.tomatoes}`);
    expect(names(next.body)).toEqual([posts.sauce]);
    expect(names((await anon.get(`/search?q=tomato&sort=new&limit=2&before=${posts.sauce}`)).body)).toEqual([posts.seeds, posts.tomatoes]);
    await api.services.db.post.update({ where: { id: parseFullname(posts.sauce!, ["t3"]).id }, data: { removed: true } });
    await api.services.reads.invalidateThings([posts.sauce!]);
    expect(await search("/search?q=tomato&sort=new", alice.client)).toEqual([posts.seeds, posts.tomatoes]);
  });

  it("an empty, missing or overlong query, or an unknown sort, is a 400 naming the field", async () => {
    for (const [path, field] of [
      ["/search?q=", "q"],
      ["/search", "q"],
      [`/search?q=${"a".repeat(513)}`, "q"],
      ["/search?q=tomato&sort=best", "sort"],
    ] as const) {
      const res = await anon.get(path);
      expect(res.status, path).toBe(400);
      expect(res.body.fields, path).toEqual([field]);
    }
  });
});
