import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatFullname } from "@hivemind/core";
import { createUserWithToken } from "./fixtures.js";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let alice: TestClient;
let bob: TestClient;

async function snapshot() {
  const db = api.services.db;
  return {
    communities: await db.community.findMany({ orderBy: { id: "asc" } }),
    moderators: await db.moderator.count(),
    subscriptions: await db.subscription.count(),
  };
}

async function as(name: string): Promise<TestClient> {
  const { token } = await createUserWithToken(api.services, name);
  return new TestClient(api.url).useBearer(token);
}

beforeAll(async () => {
  api = await startTestApi();
  alice = await as("alice");
  bob = await as("bob");
});
afterAll(async () => {
  await api?.close();
});

describe("POST /api/site_admin", () => {
  it("creates a community as PRAW does; the creator moderates it and subscribes", async () => {
    const res = await alice.post("/api/site_admin/", { name: "Pics", title: "Pictures", type: "public", link_type: "any", wikimode: "disabled", public_description: "nice *pics*", description: "# Rules" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ json: { errors: [] } });
    expectResponseMatchesOpenApi("POST", "/api/site_admin/", res);

    const about = await alice.get("/r/pics/about/?raw_json=1");
    expect(about.status).toBe(200);
    expectResponseMatchesOpenApi("GET", "/r/pics/about/", about);
    const c = await api.services.db.community.findUniqueOrThrow({ where: { nameLower: "pics" } });
    expect(about.body).toMatchObject({
      kind: "t5",
      data: {
        display_name: "Pics",
        id: c.id.toString(36),
        name: formatFullname("t5", c.id),
        title: "Pictures",
        url: "/r/Pics/",
        public_description: "nice *pics*",
        public_description_html: expect.stringContaining("<em>pics</em>"),
        description: "# Rules",
        description_html: expect.stringContaining("<h1>Rules</h1>"),
        subscribers: 1,
        over18: false,
        subreddit_type: "public",
        user_is_subscriber: true,
        user_is_moderator: true,
        user_is_banned: false,
      },
    });
    const aliceId = (await api.services.db.user.findUniqueOrThrow({ where: { nameLower: "alice" } })).id;
    expect(await api.services.db.moderator.findMany({ where: { communityId: c.id } })).toEqual([expect.objectContaining({ userId: aliceId })]);
    expect(await api.services.db.subscription.count({ where: { communityId: c.id, userId: aliceId } })).toBe(1);
  });

  it("the title defaults to the name; a JSON body works too", async () => {
    expect((await alice.call("POST", "/api/site_admin", { json: { name: "jsonsub", api_type: "json" } })).status).toBe(200);
    expect((await alice.get("/r/jsonsub/about.json")).body.data.title).toBe("jsonsub");
  });

  it("refuses a name taken in any case with SUBREDDIT_EXISTS in json.errors, naming name; nothing written", async () => {
    const before = await snapshot();
    const res = await bob.post("/api/site_admin", { name: "PICS", title: "mine now" });
    expect(res.status).toBe(400);
    expect(res.body.json.errors).toEqual([["SUBREDDIT_EXISTS", "that subreddit already exists", "name"]]);
    expectResponseMatchesOpenApi("POST", "/api/site_admin", res);
    expect(await snapshot()).toEqual(before);
  });

  it("two concurrent creations of one name: one wins, the other gets SUBREDDIT_EXISTS", async () => {
    const results = await Promise.all([alice.post("/api/site_admin", { name: "race_sub" }), bob.post("/api/site_admin", { name: "Race_Sub" })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await api.services.db.community.count({ where: { nameLower: "race_sub" } })).toBe(1);
  });

  it.each([
    [{ name: "ab" }, "name", "BAD_SR_NAME"],
    [{ name: "a".repeat(22) }, "name", "BAD_SR_NAME"],
    [{ name: "has-dash" }, "name", "BAD_SR_NAME"],
    [{ name: "_under" }, "name", "BAD_SR_NAME"],
    [{ name: "All" }, "name", "SUBREDDIT_EXISTS"],
    [{ title: "no name" }, "name", "BAD_SR_NAME"],
    [{ name: "okname", title: "t".repeat(101) }, "title", "TOO_LONG"],
    [{ name: "okname", public_description: "p".repeat(501) }, "public_description", "TOO_LONG"],
    [{ name: "okname", type: "private" }, "type", "INVALID_OPTION"],
    [{ name: "okname", link_type: "self" }, "link_type", "INVALID_OPTION"],
    [{ name: "okname", sr: "t3_abc" }, "sr", "INVALID_ID"],
  ])("refuses %j naming %s; nothing written", async (form, field, code) => {
    const before = await snapshot();
    const res = await alice.post("/api/site_admin", form as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.json.errors[0]).toEqual([code, expect.any(String), field]);
    expect(res.body.fields).toEqual([field]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an anonymous caller with 401", async () => {
    const before = await snapshot();
    const res = await new TestClient(api.url).post("/api/site_admin", { name: "anonsub" });
    expect(res.status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("with sr, a moderator updates the settings; anyone else gets 403 MOD_REQUIRED and nothing changes", async () => {
    const c = await api.services.db.community.findUniqueOrThrow({ where: { nameLower: "pics" } });
    const sr = formatFullname("t5", c.id);
    const refused = await bob.post("/api/site_admin", { sr, title: "hijacked" });
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe("MOD_REQUIRED");
    expect((await api.services.db.community.findUniqueOrThrow({ where: { id: c.id } })).title).toBe("Pictures");
    const ok = await alice.post("/api/site_admin", { sr, title: "Pictures, updated", description: "new sidebar" });
    expect(ok.status).toBe(200);
    const after = await api.services.db.community.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ title: "Pictures, updated", description: "new sidebar", publicDescription: "nice *pics*", name: "Pics" });
  });
});

describe("GET /r/:name/about", () => {
  it("anonymous viewers get null relations; an unknown community is a 404 naming name", async () => {
    const anon = new TestClient(api.url);
    const res = await anon.get("/r/PICS/about.json");
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ display_name: "Pics", user_is_subscriber: null, user_is_moderator: null });
    const missing = await anon.get("/r/nosuchsub/about.json");
    expect(missing.status).toBe(404);
    expect(missing.body.json.errors).toEqual([["SUBREDDIT_NOEXIST", "that subreddit doesn't exist", "name"]]);
    expectResponseMatchesOpenApi("GET", "/r/nosuchsub/about.json", missing);
  });
});

describe("POST /api/subscribe", () => {
  it("subscribes by sr_name and by sr fullname; repeats change nothing; unsub decrements", async () => {
    const c = await api.services.db.community.findUniqueOrThrow({ where: { nameLower: "pics" } });
    const start = c.subscribers;
    const sub = await bob.post("/api/subscribe/", { action: "sub", skip_inital_defaults: "True", sr_name: "pics,JSONSUB" });
    expect(sub.status).toBe(200);
    expect(sub.body).toEqual({});
    expectResponseMatchesOpenApi("POST", "/api/subscribe/", sub);
    await bob.post("/api/subscribe", { action: "sub", sr: formatFullname("t5", c.id) });
    const about = await bob.get("/r/pics/about.json");
    expect(about.body.data).toMatchObject({ subscribers: start + 1, user_is_subscriber: true, user_is_moderator: false });
    await bob.post("/api/subscribe", { action: "unsub", sr_name: "pics" });
    await bob.post("/api/subscribe", { action: "unsub", sr_name: "pics" });
    expect((await bob.get("/r/pics/about.json")).body.data).toMatchObject({ subscribers: start, user_is_subscriber: false });
  });

  it.each([
    [{ action: "sub", sr_name: "pics,nosuchsub" }, "sr_name", "SUBREDDIT_NOEXIST"],
    [{ action: "sub" }, "sr_name", "SUBREDDIT_NOEXIST"],
    [{ action: "sub", sr: "t5_zzzzzz" }, "sr", "SUBREDDIT_NOEXIST"],
    [{ action: "sub", sr: "not_a_fullname" }, "sr", "INVALID_ID"],
    [{ action: "follow", sr_name: "pics" }, "action", "INVALID_OPTION"],
    [{ action: "sub", sr_name: Array.from({ length: 101 }, (_, i) => `sub${i}`).join(",") }, "sr_name", "TOO_LONG"],
  ])("refuses %j naming %s; nothing written", async (form, field, code) => {
    const before = await snapshot();
    const res = await bob.post("/api/subscribe", form);
    expect(res.status).toBe(400);
    expect(res.body.json.errors[0]).toEqual([code, expect.any(String), field]);
    expect(await snapshot()).toEqual(before);
  });

  it("30 users subscribing and unsubscribing concurrently leave subscribers equal to the subscription rows", async () => {
    const clients = await Promise.all(Array.from({ length: 30 }, (_, i) => as(`crowd${i}`)));
    await Promise.all(clients.flatMap((c) => [c.post("/api/subscribe", { action: "sub", sr_name: "jsonsub" }), c.post("/api/subscribe", { action: "sub", sr_name: "jsonsub" })]));
    await Promise.all(clients.slice(0, 10).map((c) => c.post("/api/subscribe", { action: "unsub", sr_name: "jsonsub" })));
    const c = await api.services.db.community.findUniqueOrThrow({ where: { nameLower: "jsonsub" } });
    const rows = await api.services.db.subscription.count({ where: { communityId: c.id } });
    expect(c.subscribers).toBe(rows);
    expect(rows).toBe(22); // alice (creator), bob (earlier test) and 20 of the crowd
  });
});

describe("GET /subreddits/mine/*", () => {
  it("lists the caller's subscriptions and moderatorships as Listings of t5, paged with after/before", async () => {
    const carol = await as("carol");
    for (const name of ["carol_a", "carol_b", "carol_c"]) expect((await carol.post("/api/site_admin", { name })).status).toBe(200);
    await carol.post("/api/subscribe", { action: "sub", sr_name: "pics" });

    const subs = await carol.get("/subreddits/mine/subscriber/?limit=100");
    expect(subs.status).toBe(200);
    expectResponseMatchesOpenApi("GET", "/subreddits/mine/subscriber/", subs);
    expect(subs.body.data.children.map((c: { data: { display_name: string } }) => c.data.display_name)).toEqual(["Pics", "carol_a", "carol_b", "carol_c"]);
    expect(subs.body.data.after).toBeNull();

    const mods = await carol.get("/subreddits/mine/moderator?limit=2");
    expectResponseMatchesOpenApi("GET", "/subreddits/mine/moderator", mods);
    expect(mods.body.data.children.map((c: { data: { display_name: string; user_is_moderator: boolean } }) => [c.data.display_name, c.data.user_is_moderator])).toEqual([
      ["carol_a", true],
      ["carol_b", true],
    ]);
    const page2 = await carol.get(`/subreddits/mine/moderator?limit=2&after=${mods.body.data.after}`);
    expect(page2.body.data.children.map((c: { data: { display_name: string } }) => c.data.display_name)).toEqual(["carol_c"]);
    expect(page2.body.data.after).toBeNull();
    const back = await carol.get(`/subreddits/mine/moderator?limit=2&before=${page2.body.data.children[0].data.name}`);
    expect(back.body.data.children.map((c: { data: { display_name: string } }) => c.data.display_name)).toEqual(["carol_a", "carol_b"]);

    const bad = await carol.get("/subreddits/mine/moderator?after=t3_abc");
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual(["after"]);
    expect((await new TestClient(api.url).get("/subreddits/mine/subscriber.json")).status).toBe(401);
  });
});

describe("GET /subreddits/popular and /subreddits/new", () => {
  it("the directory, most subscribers first or newest first, paged with after/before, for anyone", async () => {
    const dora = await as("dora");
    for (const name of ["dir_a", "dir_b", "dir_c"]) expect((await dora.post("/api/site_admin", { name })).status).toBe(200);
    // Subscribers make dir_b the biggest and dir_a and dir_c tie (the older first).
    for (const who of ["dir_fan1", "dir_fan2"]) await (await as(who)).post("/api/subscribe", { action: "sub", sr_name: "dir_b" });
    await api.services.db.community.updateMany({ where: { nameLower: { notIn: ["dir_a", "dir_b", "dir_c"] } }, data: { subscribers: 0 } });
    const anon = new TestClient(api.url);
    const names = (res: { body: { data: { children: { data: { display_name: string } }[] } } }) => res.body.data.children.map((c) => c.data.display_name);

    const popular = await anon.get("/subreddits/popular.json?limit=2");
    expect(popular.status).toBe(200);
    expectResponseMatchesOpenApi("GET", "/subreddits/popular.json", popular);
    expect(names(popular)).toEqual(["dir_b", "dir_a"]);
    const next = await anon.get(`/subreddits/popular?limit=2&after=${popular.body.data.after}`);
    expect(names(next)[0]).toBe("dir_c");
    const back = await anon.get(`/subreddits/popular?limit=2&before=${next.body.data.children[0].data.name}`);
    expect(names(back)).toEqual(["dir_b", "dir_a"]);

    const fresh = await dora.get("/subreddits/new/?limit=3");
    expectResponseMatchesOpenApi("GET", "/subreddits/new/", fresh);
    expect(names(fresh)).toEqual(["dir_c", "dir_b", "dir_a"]);
    expect(fresh.body.data.children.every((c: { data: { user_is_moderator: boolean } }) => c.data.user_is_moderator)).toBe(true);
    expect(names(await anon.get(`/subreddits/new?limit=3&after=${fresh.body.data.after}`))).not.toContain("dir_a");

    expect((await anon.get("/subreddits/popular?after=t3_abc")).status).toBe(400);
    expect((await anon.get(`/subreddits/popular?after=${formatFullname("t5", 999999n)}`)).status).toBe(404);
  });
});

describe("GET /subreddits/search and POST /api/search_reddit_names", () => {
  it("find communities by the beginning of their name or words of their title, most subscribers first", async () => {
    const erin = await as("erin");
    expect((await erin.post("/api/site_admin", { name: "woodwork", title: "Joinery and carving" })).status).toBe(200);
    expect((await erin.post("/api/site_admin", { name: "woodland", title: "Forests" })).status).toBe(200);
    expect((await erin.post("/api/site_admin", { name: "carpentry", title: "Framing, WOODWORK at scale" })).status).toBe(200);
    await (await as("wood_fan")).post("/api/subscribe", { action: "sub", sr_name: "woodland" });
    const anon = new TestClient(api.url);
    const names = (res: { body: { data: { children: { data: { display_name: string } }[] } } }) => res.body.data.children.map((c) => c.data.display_name);

    const found = await anon.get("/subreddits/search.json?q=wood");
    expect(found.status).toBe(200);
    expectResponseMatchesOpenApi("GET", "/subreddits/search.json", found);
    expect(names(found)).toEqual(["woodland", "woodwork", "carpentry"]);
    expect(names(await anon.get("/subreddits/search?q=carving"))).toEqual(["woodwork"]);
    const paged = await anon.get("/subreddits/search?q=wood&limit=1");
    expect(names(await anon.get(`/subreddits/search?q=wood&limit=2&after=${paged.body.data.after}`))).toEqual(["woodwork", "carpentry"]);
    const empty = await anon.get("/subreddits/search?q=");
    expect([empty.status, empty.body.fields]).toEqual([400, ["q"]]);

    const byName = await erin.post("/api/search_reddit_names/", { query: "Wood", exact: "False", include_over_18: "True" });
    expect(byName.status).toBe(200);
    expectResponseMatchesOpenApi("POST", "/api/search_reddit_names/", byName);
    expect(byName.body).toEqual({ names: ["woodland", "woodwork"] });
    expect((await erin.post("/api/search_reddit_names", { query: "woodwork", exact: "True" })).body).toEqual({ names: ["woodwork"] });
    expect((await erin.post("/api/search_reddit_names", { query: "woo", exact: "True" })).body).toEqual({ names: [] });
    const bad = await erin.post("/api/search_reddit_names", { query: "" });
    expect([bad.status, bad.body.fields]).toEqual([400, ["query"]]);
  });
});
