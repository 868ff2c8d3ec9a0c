import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toBase36 } from "@hivemind/core";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";
import { comment, community, expectRefused, modActions, outboxEvents, person, post, report, type Person } from "./moderation-fixtures.js";

let api: TestApi;
let mod: Person;
let otherMod: Person;
let admin: Person;
let author: Person;
let reader: Person;
let sr: { id: bigint; name: string };
let elsewhere: { id: bigint; name: string };

beforeAll(async () => {
  api = await startTestApi();
  mod = await person(api, "mod_alice");
  otherMod = await person(api, "mod_bob");
  admin = await person(api, "admin_carol", { isAdmin: true });
  author = await person(api, "author_dan");
  reader = await person(api, "reader_eve");
  sr = await community(api.services, "modthings", [mod]);
  elsewhere = await community(api.services, "otherplace", [otherMod]);
});

afterAll(async () => {
  await api?.close();
});

describe("remove and approve", () => {
  it("a moderator removes a post: removed columns, mod log row and thing.removed event in one go", async () => {
    const p = await post(api.services, sr.id, author);
    const res = await mod.client.post("/api/remove", { id: p.fullname, spam: "False" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expectResponseMatchesOpenApi("POST", "/api/remove", res);

    const row = await api.services.db.post.findUniqueOrThrow({ where: { id: p.id } });
    expect(row.removed).toBe(true);
    expect(row.removedBy).toBe(mod.id);
    const [action] = (await modActions(api.services, sr.id)).filter((a) => a.targetFullname === p.fullname);
    expect(action).toMatchObject({ action: "removelink", moderatorId: mod.id, targetAuthorId: author.id });
    const events = await outboxEvents(api.services, p.fullname);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "thing.removed",
      data: { thing: p.fullname, post: p.fullname, community: toBase36(sr.id), author: toBase36(author.id), by: toBase36(mod.id), spam: false },
    });
  });

  it("remove with spam=True logs spamlink / spamcomment and flags the event", async () => {
    const p = await post(api.services, sr.id, author);
    const c = await comment(api.services, p, author);
    expect((await mod.client.post("/api/remove", { id: p.fullname, spam: "True" })).status).toBe(200);
    expect((await mod.client.post("/api/remove", { id: c.fullname, spam: "True" })).status).toBe(200);
    const actions = await modActions(api.services, sr.id);
    expect(actions.find((a) => a.targetFullname === p.fullname)?.action).toBe("spamlink");
    expect(actions.find((a) => a.targetFullname === c.fullname)?.action).toBe("spamcomment");
    const [ev] = await outboxEvents(api.services, c.fullname);
    expect(ev).toMatchObject({ type: "thing.removed", data: { thing: c.fullname, post: p.fullname, spam: true } });
    const crow = await api.services.db.comment.findFirstOrThrow({ where: { id: c.id } });
    expect(crow.removed).toBe(true);
  });

  it("approve restores a removed comment, resolves its open reports and emits thing.approved", async () => {
    const p = await post(api.services, sr.id, author);
    const c = await comment(api.services, p, author);
    await report(api.services, c, reader, "rude");
    expect((await mod.client.post("/api/remove", { id: c.fullname })).status).toBe(200);
    // the removal resolved the first report; a later report is open again
    await report(api.services, c, reader, "still rude");

    const res = await mod.client.post("/api/approve", { id: c.fullname });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    const row = await api.services.db.comment.findFirstOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ removed: false, removedBy: null, approvedBy: mod.id });
    const open = await api.services.db.report.count({ where: { thingId: c.id, resolvedAt: null } });
    expect(open).toBe(0);
    const resolved = await api.services.db.report.findMany({ where: { thingId: c.id } });
    expect(resolved.every((r) => r.resolvedBy === mod.id)).toBe(true);
    expect((await outboxEvents(api.services, c.fullname)).map((e) => e.type)).toEqual(["thing.removed", "thing.approved"]);
    const actions = (await modActions(api.services, sr.id)).filter((a) => a.targetFullname === c.fullname).map((a) => a.action);
    expect(actions).toEqual(["removecomment", "approvecomment"]);
  });

  it("repeating an approval that changes nothing writes nothing", async () => {
    const p = await post(api.services, sr.id, author);
    expect((await mod.client.post("/api/approve", { id: p.fullname })).status).toBe(200);
    const events = await outboxEvents(api.services);
    const logged = await modActions(api.services, sr.id);
    expect((await mod.client.post("/api/approve", { id: p.fullname })).status).toBe(200);
    expect(await outboxEvents(api.services)).toHaveLength(events.length);
    expect(await modActions(api.services, sr.id)).toHaveLength(logged.length);
  });

  it("a site admin moderates a community they are not a moderator of", async () => {
    const p = await post(api.services, elsewhere.id, author);
    expect((await admin.client.post("/api/remove", { id: p.fullname })).status).toBe(200);
    const [action] = (await modActions(api.services, elsewhere.id)).filter((a) => a.targetFullname === p.fullname);
    expect(action?.moderatorId).toBe(admin.id);
  });

  it("JSON bodies are accepted too", async () => {
    const p = await post(api.services, sr.id, author);
    const res = await mod.client.call("POST", "/api/remove", { json: { id: p.fullname, spam: false, api_type: "json" } });
    expect(res.status).toBe(200);
  });
});

describe("refusals write nothing", () => {
  it("anonymous: 401", async () => {
    const p = await post(api.services, sr.id, author);
    const anon = new TestClient(api.url);
    await expectRefused(api.services, () => anon.post("/api/remove", { id: p.fullname }), 401);
    await expectRefused(api.services, () => anon.post("/api/lock", { id: p.fullname }), 401);
  });

  it("not a moderator: 403 MOD_REQUIRED", async () => {
    const p = await post(api.services, sr.id, author);
    for (const path of ["/api/remove", "/api/approve", "/api/lock", "/api/unlock"]) {
      const body = await expectRefused(api.services, () => reader.client.post(path, { id: p.fullname }), 403);
      expect(body.reason).toBe("MOD_REQUIRED");
    }
    await expectRefused(api.services, () => author.client.post("/api/set_subreddit_sticky", { id: p.fullname, state: "True" }), 403);
  });

  it("a moderator of another community: 403", async () => {
    const p = await post(api.services, sr.id, author);
    const c = await comment(api.services, p, author);
    await expectRefused(api.services, () => otherMod.client.post("/api/remove", { id: p.fullname }), 403);
    await expectRefused(api.services, () => otherMod.client.post("/api/approve", { id: c.fullname }), 403);
    await expectRefused(api.services, () => otherMod.client.post("/api/lock", { id: p.fullname }), 403);
    await expectRefused(api.services, () => otherMod.client.post("/api/set_subreddit_sticky", { id: p.fullname, state: "True" }), 403);
  });

  it("an unknown thing: 404 naming id", async () => {
    const ghost = `t3_${toBase36(api.services.ids.next())}`;
    const ghostComment = `t1_${toBase36(api.services.ids.next())}`;
    await expectRefused(api.services, () => mod.client.post("/api/remove", { id: ghost }), 404, "id");
    await expectRefused(api.services, () => mod.client.post("/api/approve", { id: ghostComment }), 404, "id");
    await expectRefused(api.services, () => mod.client.post("/api/lock", { id: ghost }), 404, "id");
    await expectRefused(api.services, () => mod.client.post("/api/set_subreddit_sticky", { id: ghost, state: "True" }), 404, "id");
  });

  it("malformed input: 400 naming the field", async () => {
    const p = await post(api.services, sr.id, author);
    const c = await comment(api.services, p, author);
    await expectRefused(api.services, () => mod.client.post("/api/remove", {}), 400, "id");
    await expectRefused(api.services, () => mod.client.post("/api/remove", { id: "t3_NOPE" }), 400, "id");
    await expectRefused(api.services, () => mod.client.post("/api/remove", { id: "t5_abc" }), 400, "id");
    await expectRefused(api.services, () => mod.client.post("/api/lock", { id: c.fullname }), 400, "id");
    await expectRefused(api.services, () => mod.client.post("/api/set_subreddit_sticky", { id: p.fullname }), 400, "state");
    await expectRefused(api.services, () => mod.client.post("/api/set_subreddit_sticky", { id: p.fullname, state: "True", num: "3" }), 400, "num");
  });
});

describe("lock and unlock", () => {
  it("sets the locked column, logs lock/unlock and emits thing.locked/thing.unlocked", async () => {
    const p = await post(api.services, sr.id, author);
    expect((await mod.client.post("/api/lock", { id: p.fullname })).body).toEqual({});
    expect((await api.services.db.post.findUniqueOrThrow({ where: { id: p.id } })).locked).toBe(true);
    // locking a locked post changes nothing
    expect((await mod.client.post("/api/lock", { id: p.fullname })).status).toBe(200);
    expect((await mod.client.post("/api/unlock", { id: p.fullname })).status).toBe(200);
    expect((await api.services.db.post.findUniqueOrThrow({ where: { id: p.id } })).locked).toBe(false);

    const events = await outboxEvents(api.services, p.fullname);
    expect(events.map((e) => e.type)).toEqual(["thing.locked", "thing.unlocked"]);
    expect(events[0]?.data).toMatchObject({ thing: p.fullname, by: toBase36(mod.id) });
    const actions = (await modActions(api.services, sr.id)).filter((a) => a.targetFullname === p.fullname).map((a) => a.action);
    expect(actions).toEqual(["lock", "unlock"]);
  });

  it("a locked post refuses new comments and votes (enforced by the comment and vote code)", async () => {
    const p = await post(api.services, sr.id, author);
    const lock = await mod.client.post("/api/lock", { id: p.fullname });
    expectResponseMatchesOpenApi("POST", "/api/lock", lock);
    const reply = await reader.client.post("/api/comment", { thing_id: p.fullname, text: "too late" });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.body.reason).toBe("THREAD_LOCKED");
    const vote = await reader.client.post("/api/vote", { id: p.fullname, dir: "1" });
    expect(vote.status).toBeGreaterThanOrEqual(400);
    expect(vote.body.reason).toBe("THREAD_LOCKED");
  });
});

describe("stickies", () => {
  it("at most two per community: a third replaces the bottom one, as on reddit; unsticky frees a slot", async () => {
    const sticky = await community(api.services, "stickies", [mod]);
    const [a, b, c] = [await post(api.services, sticky.id, author, "a"), await post(api.services, sticky.id, author, "b"), await post(api.services, sticky.id, author, "c")];
    const ok = await mod.client.post("/api/set_subreddit_sticky", { id: a.fullname, state: "True" });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ json: { errors: [] } });
    expectResponseMatchesOpenApi("POST", "/api/set_subreddit_sticky", ok);
    expect((await mod.client.post("/api/set_subreddit_sticky", { id: b.fullname, state: "True" })).status).toBe(200);
    const slot = async (id: bigint) => (await api.services.db.post.findUniqueOrThrow({ where: { id } })).stickyPosition;
    expect([await slot(a.id), await slot(b.id)]).toEqual([1, 2]);

    // c to the top: a moves down, b (the bottom one) is unstickied
    expect((await mod.client.post("/api/set_subreddit_sticky", { id: c.fullname, state: "True", num: "1" })).status).toBe(200);
    expect([await slot(a.id), await slot(b.id), await slot(c.id)]).toEqual([2, null, 1]);

    // stickying a stickied post changes nothing
    const outboxBefore = (await outboxEvents(api.services)).length;
    expect((await mod.client.post("/api/set_subreddit_sticky", { id: a.fullname, state: "True" })).status).toBe(200);
    expect(await outboxEvents(api.services)).toHaveLength(outboxBefore);

    // unsticky slot 1: a moves up to slot 1; b again, without num, takes the bottom slot
    expect((await mod.client.post("/api/set_subreddit_sticky", { id: c.fullname, state: "False" })).body).toEqual({ json: { errors: [] } });
    expect([await slot(a.id), await slot(c.id)]).toEqual([1, null]);
    expect((await mod.client.post("/api/set_subreddit_sticky", { id: b.fullname, state: "True" })).status).toBe(200);
    expect([await slot(a.id), await slot(b.id)]).toEqual([1, 2]);

    expect((await outboxEvents(api.services, a.fullname)).map((e) => [e.type, e.data.slot])).toEqual([
      ["thing.stickied", 1],
      ["thing.stickied", 2],
      ["thing.stickied", 1],
    ]);
    expect((await outboxEvents(api.services, b.fullname)).map((e) => [e.type, e.data.slot])).toEqual([
      ["thing.stickied", 2],
      ["thing.unstickied", undefined],
      ["thing.stickied", 2],
    ]);
    expect((await outboxEvents(api.services, c.fullname)).map((e) => [e.type, e.data.slot])).toEqual([
      ["thing.stickied", 1],
      ["thing.unstickied", undefined],
    ]);
    const log = (await modActions(api.services, sticky.id)).map((x) => [x.action, x.targetFullname, (JSON.parse(String(x.details)) as { details: string | null }).details]);
    expect(log).toEqual([
      ["sticky", a.fullname, "slot 1"],
      ["sticky", b.fullname, "slot 2"],
      ["unsticky", b.fullname, `replaced by ${c.fullname}`],
      ["sticky", c.fullname, "slot 1"],
      ["unsticky", c.fullname, null],
      ["sticky", b.fullname, "slot 2"],
    ]);
  });

  it("removing a stickied post frees its slot and moves the other sticky up", async () => {
    const place = await community(api.services, "stickyremove", [mod]);
    const [a, b] = [await post(api.services, place.id, author, "a"), await post(api.services, place.id, author, "b")];
    for (const p of [a, b]) expect((await mod.client.post("/api/set_subreddit_sticky", { id: p.fullname, state: "True" })).status).toBe(200);
    expect((await mod.client.post("/api/remove", { id: a.fullname })).status).toBe(200);
    const slots = await api.services.db.post.findMany({ where: { communityId: place.id }, orderBy: { id: "asc" }, select: { stickyPosition: true } });
    expect(slots.map((r) => r.stickyPosition)).toEqual([null, 1]);
    expect((await outboxEvents(api.services, a.fullname)).map((e) => e.type)).toEqual(["thing.stickied", "thing.removed", "thing.unstickied"]);
    expect((await outboxEvents(api.services, b.fullname)).map((e) => [e.type, e.data.slot])).toEqual([["thing.stickied", 2], ["thing.stickied", 1]]);
    expect((await modActions(api.services, place.id)).map((x) => x.action)).toEqual(["sticky", "sticky", "removelink"]);
  });

  it("two concurrent stickies for the last slot apply one after the other: still two stickies, slots 1 and 2", async () => {
    const race = await community(api.services, "stickyrace", [mod]);
    const first = await post(api.services, race.id, author);
    expect((await mod.client.post("/api/set_subreddit_sticky", { id: first.fullname, state: "True" })).status).toBe(200);
    const [x, y] = [await post(api.services, race.id, author), await post(api.services, race.id, author)];
    const results = await Promise.all([x, y].map((p) => mod.client.post("/api/set_subreddit_sticky", { id: p.fullname, state: "True" })));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const stickied = await api.services.db.post.findMany({ where: { communityId: race.id, stickyPosition: { not: null } }, orderBy: { stickyPosition: "asc" } });
    expect(stickied.map((p) => p.stickyPosition)).toEqual([1, 2]);
    expect(stickied[0]!.id).toBe(first.id);
  });
});
