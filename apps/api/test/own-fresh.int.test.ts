import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { createCommunity, userClient, type UserClient } from "./posts-fixtures.js";

/**
 * No worker runs here, so the precomputed listings never learn of a new post: what the author
 * sees of it comes from the read path's merge of their own fresh posts, and only they see it.
 */
let api: TestApi;
let author: UserClient;
let other: UserClient;
let community: { id: bigint };
const anon = () => new TestClient(api.url);

beforeAll(async () => {
  api = await startTestApi();
  author = await userClient(api, "fresh_poster");
  other = await userClient(api, "fresh_reader");
  community = await createCommunity(api.services, "freshposts", author.user.id);
});

afterAll(async () => {
  await api?.close();
});

function names(body: unknown): string[] {
  return (body as { data: { children: { data: { name: string } }[] } }).data.children.map((c) => c.data.name);
}

describe("an author's own new post", () => {
  it("shows in the listings they read at once, at its place, and to no one else before the consumer adds it", async () => {
    // The listings are read (and cached: an empty one would be recomputed on every read) before the posts exist.
    const first = (await other.client.post("/api/submit", { kind: "self", sr: "freshposts", title: "already there", text: "" })).body.json.data.name as string;
    for (const sort of ["new", "hot"]) expect(names((await anon().get(`/r/freshposts/${sort}.json`)).body)).toEqual([first]);
    const older = await author.client.post("/api/submit", { kind: "self", sr: "freshposts", title: "first", text: "" });
    const newer = await author.client.post("/api/submit", { kind: "self", sr: "freshposts", title: "second", text: "" });
    const [a, b] = [older.body.json.data.name as string, newer.body.json.data.name as string];

    expect(names((await author.client.get("/r/freshposts/new.json")).body)).toEqual([b, a, first]);
    expect(names((await author.client.get("/r/freshposts/hot.json")).body)).toEqual([b, a, first]);
    expect(names((await author.client.get("/r/all/new.json")).body).slice(0, 2)).toEqual([b, a]);
    // The author moderates (and so subscribes to) the community: their front page has the posts too.
    await api.services.db.subscription.upsert({ where: { userId_communityId: { userId: author.user.id, communityId: community.id } }, create: { userId: author.user.id, communityId: community.id }, update: {} });
    expect(names((await author.client.get("/new.json")).body).slice(0, 2)).toEqual([b, a]);

    expect(names((await anon().get("/r/freshposts/new.json")).body)).toEqual([first]);
    expect(names((await other.client.get("/r/freshposts/new.json")).body)).toEqual([first]);
  });

  it("is not merged once deleted", async () => {
    const res = await author.client.post("/api/submit", { kind: "self", sr: "freshposts", title: "regretted", text: "" });
    const name = res.body.json.data.name as string;
    expect(names((await author.client.get("/r/freshposts/new.json")).body)).toContain(name);
    expect((await author.client.post("/api/del", { id: name })).status).toBe(200);
    expect(names((await author.client.get("/r/freshposts/new.json")).body)).not.toContain(name);
  });
});
