import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { comment, community, expectRefused, person, post, report, type Person } from "./moderation-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let mod: Person;
let otherMod: Person;
let admin: Person;
let author: Person;
let readers: Person[];
let sr: { id: bigint; name: string };

beforeAll(async () => {
  api = await startTestApi();
  mod = await person(api, "lists_mod");
  otherMod = await person(api, "lists_other");
  admin = await person(api, "lists_admin", { isAdmin: true });
  author = await person(api, "lists_author");
  readers = [await person(api, "lists_r1"), await person(api, "lists_r2"), await person(api, "lists_r3")];
  sr = await community(api.services, "queueland", [mod]);
  await community(api.services, "elsewhere", [otherMod]);
});

afterAll(async () => {
  await api?.close();
});

describe("the report queue", () => {
  it("lists reported posts and comments, most recently reported first, with report tallies", async () => {
    const [r1, r2, r3] = readers as [Person, Person, Person];
    const p = await post(api.services, sr.id, author, "reported post");
    const c = await comment(api.services, p, author, "reported comment");
    const quiet = await post(api.services, sr.id, author, "never reported");
    await report(api.services, p, r1, "spam");
    await report(api.services, p, r2, "spam");
    await report(api.services, p, r3, "off topic");
    await report(api.services, p, mod, "rule 2");
    await report(api.services, c, r1, "rude");

    const res = await mod.client.get(`/r/${sr.name}/about/modqueue`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectResponseMatchesOpenApi("GET", `/r/${sr.name}/about/modqueue`, res);
    const children = res.body.data.children;
    expect(children.map((t: { kind: string; data: { name: string } }) => t.data.name)).toEqual([c.fullname, p.fullname]);
    expect(children.map((t: { data: { name: string } }) => t.data.name)).not.toContain(quiet.fullname);
    expect(children[0]).toMatchObject({ kind: "t1", data: { num_reports: 1, user_reports: [["rude", 1]], mod_reports: [], link_id: p.fullname, replies: "" } });
    expect(children[1]).toMatchObject({
      kind: "t3",
      data: { num_reports: 4, user_reports: [["spam", 2], ["off topic", 1]], mod_reports: [["rule 2", mod.name]], author: author.name, subreddit: sr.name },
    });

    // /about/reports is the same queue; only=links filters
    const reports = await mod.client.get(`/r/${sr.name}/about/reports?only=links`);
    expect(reports.body.data.children.map((t: { data: { name: string } }) => t.data.name)).toEqual([p.fullname]);

    // paging with limit/after
    const page1 = await mod.client.get(`/r/${sr.name}/about/modqueue?limit=1`);
    expect(page1.body.data.children).toHaveLength(1);
    expect(page1.body.data.after).toBe(c.fullname);
    const page2 = await mod.client.get(`/r/${sr.name}/about/modqueue?limit=1&after=${c.fullname}`);
    expect(page2.body.data.children.map((t: { data: { name: string } }) => t.data.name)).toEqual([p.fullname]);
    expect(page2.body.data.after).toBeNull();

    // approving and removing take things out of the queue
    expect((await mod.client.post("/api/approve", { id: c.fullname })).status).toBe(200);
    expect((await mod.client.post("/api/remove", { id: p.fullname })).status).toBe(200);
    const empty = await mod.client.get(`/r/${sr.name}/about/modqueue`);
    expect(empty.body.data.children).toEqual([]);
    expect(empty.body.data.after).toBeNull();
  });

  it("moderators only: anonymous 401, others 403, admins allowed, unknown community 404", async () => {
    expect((await new TestClient(api.url).get(`/r/${sr.name}/about/modqueue.json`)).status).toBe(401);
    expect((await readers[0]!.client.get(`/r/${sr.name}/about/modqueue`)).status).toBe(403);
    expect((await otherMod.client.get(`/r/${sr.name}/about/modqueue`)).status).toBe(403);
    expect((await admin.client.get(`/r/${sr.name}/about/modqueue`)).status).toBe(200);
    const missing = await mod.client.get("/r/nosuchplace/about/modqueue");
    expect(missing.status).toBe(404);
    expect(missing.body.reason).toBe("SUBREDDIT_NOEXIST");
    expect((await mod.client.get(`/r/${sr.name}/about/modqueue?after=t5_zz`)).status).toBe(400);
  });
});

describe("the public mod log", () => {
  it("every action with who, what, when and why, newest first, readable by anyone", async () => {
    const logged = await community(api.services, "loggedplace", [mod]);
    const p = await post(api.services, logged.id, author, "to be moderated");
    const victim = readers[2]!;
    expect((await mod.client.post("/api/lock", { id: p.fullname })).status).toBe(200);
    expect((await mod.client.post("/api/set_subreddit_sticky", { id: p.fullname, state: "True" })).status).toBe(200);
    expect((await mod.client.post("/api/remove", { id: p.fullname, spam: "True" })).status).toBe(200);
    expect((await admin.client.post(`/r/${logged.name}/api/friend`, { name: victim.name, type: "banned", ban_reason: "harassment", duration: "7" })).status).toBe(200);

    const anon = new TestClient(api.url);
    const res = await anon.get(`/r/${logged.name}/about/log.json`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectResponseMatchesOpenApi("GET", `/r/${logged.name}/about/log`, res);
    expect(res.body.kind).toBe("Listing");
    const data = res.body.data.children.map((c: { kind: string; data: Record<string, unknown> }) => {
      expect(c.kind).toBe("modaction");
      return c.data;
    });
    expect(data.map((d: { action: string }) => d.action)).toEqual(["banuser", "spamlink", "sticky", "lock"]);
    expect(data[0]).toMatchObject({
      mod: admin.name,
      target_fullname: victim.fullname,
      target_author: victim.name,
      details: "7 days",
      description: "harassment",
      subreddit: logged.name,
      sr_id36: logged.id.toString(36),
    });
    // The post is removed: the public log hides its author, as the post's own view does.
    expect(data[1]).toMatchObject({ mod: mod.name, mod_id36: mod.id.toString(36), target_fullname: p.fullname, target_author: "[deleted]", details: "spam" });
    expect(typeof data[3].created_utc).toBe("number");
    expect(data[3].created_utc).toBeLessThanOrEqual(data[0].created_utc);
    expect(data[0].id).toMatch(/^ModAction_/);

    // limit/after pages to older entries; before back to newer ones
    const page1 = await anon.get(`/r/${logged.name}/about/log.json?limit=2`);
    expect(page1.body.data.children.map((c: { data: { action: string } }) => c.data.action)).toEqual(["banuser", "spamlink"]);
    expect(page1.body.data.after).toBe(data[1].id);
    const page2 = await anon.get(`/r/${logged.name}/about/log.json?limit=2&after=${page1.body.data.after}`);
    expect(page2.body.data.children.map((c: { data: { action: string } }) => c.data.action)).toEqual(["sticky", "lock"]);
    expect(page2.body.data.after).toBeNull();
    const newer = await anon.get(`/r/${logged.name}/about/log.json?before=${data[2].id}`);
    expect(newer.body.data.children.map((c: { data: { action: string } }) => c.data.action)).toEqual(["banuser", "spamlink"]);

    // filters: type and mod
    const bans = await anon.get(`/r/${logged.name}/about/log.json?type=banuser`);
    expect(bans.body.data.children).toHaveLength(1);
    const byMod = await anon.get(`/r/${logged.name}/about/log.json?mod=${mod.name}`);
    expect(byMod.body.data.children).toHaveLength(3);
  });

  it("bad parameters are a 400 naming the field; an unknown community a 404", async () => {
    const anon = new TestClient(api.url);
    const bad = await anon.get(`/r/${sr.name}/about/log.json?after=ModAction_!!`);
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual(["after"]);
    const badType = await anon.get(`/r/${sr.name}/about/log.json?type=explode`);
    expect(badType.status).toBe(400);
    expect(badType.body.fields).toEqual(["type"]);
    expect((await anon.get("/r/nosuchplace/about/log.json")).status).toBe(404);
  });

  it("reading lists writes nothing", async () => {
    await expectRefused(api.services, () => new TestClient(api.url).get(`/r/${sr.name}/about/banned.json`), 401);
  });
});
