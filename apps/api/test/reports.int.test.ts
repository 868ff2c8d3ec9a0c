import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient, TestApi } from "./harness.js";
import { expectRefused, outbox, startContentApi, userClient, type UserClient } from "./posts-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let alice: UserClient; // moderator
let bob: UserClient;
let anon: TestClient;

beforeAll(async () => {
  ({ api, alice, bob, anon } = await startContentApi("reported"));
});
afterAll(async () => {
  await api?.close();
});

async function newPost() {
  const res = await bob.client.post("/api/submit", { kind: "link", sr: "reported", title: "spam?", url: "https://example.com/" });
  return res.body.json.data as { id: string; name: string };
}
const idOf = (name: string) => BigInt(parseInt(name.slice(3), 36));

describe("POST /api/report", () => {
  it("writes one report row per report, with the community, and answers {json:{errors:[]}}", async () => {
    const post = await newPost();
    const events = (await outbox(api.services)).length;
    const res = await alice.client.post("/api/report/", { id: post.name, reason: "spam" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ json: { errors: [] } });
    expectResponseMatchesOpenApi("POST", "/api/report", res);
    // reddit's archived form: thing_id, and free text under other_reason.
    await bob.client.post("/api/report", { thing_id: post.name, reason: "other", other_reason: "it is an ad" });
    const carol = await userClient(api, "carol_reporter");
    await carol.client.post("/api/report", { thing_id: post.name, reason: "spam" });
    const rows = await api.services.db.report.findMany({ where: { thingId: idOf(post.name) }, orderBy: { id: "asc" } });
    const community = await api.services.db.community.findUniqueOrThrow({ where: { nameLower: "reported" } });
    expect(rows.map((r) => [r.reason, r.kind, r.communityId, r.reporterId])).toEqual([
      ["spam", 3, community.id, alice.user.id],
      ["it is an ad", 3, community.id, bob.user.id],
      ["spam", 3, community.id, carol.user.id],
    ]);
    expect((await outbox(api.services)).length).toBe(events);

    // Moderators see the reports on the thing; others don't.
    const asMod = await alice.client.get(`/api/info?id=${post.name}`);
    expect(asMod.body.data.children[0].data).toMatchObject({ num_reports: 3 });
    expect(asMod.body.data.children[0].data.user_reports).toEqual(expect.arrayContaining([["spam", 2], ["it is an ad", 1]]));
    const asUser = await bob.client.get(`/api/info?id=${post.name}`);
    expect(asUser.body.data.children[0].data).toMatchObject({ num_reports: null, user_reports: [] });
  });

  it("one open report per user per thing: reporting it again, even in parallel, adds nothing; after a moderator's decision a new report counts", async () => {
    const post = await newPost();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => alice.client.post("/api/report", { id: post.name, reason: i % 2 ? "spam" : "rude" })));
    for (const a of answers) expect(a.body).toEqual({ json: { errors: [] } });
    expect(await api.services.db.report.count({ where: { thingId: idOf(post.name), resolvedAt: null } })).toBe(1);
    const asMod = await alice.client.get(`/api/info?id=${post.name}`);
    expect(asMod.body.data.children[0].data.num_reports).toBe(1);
    await api.services.db.report.updateMany({ where: { thingId: idOf(post.name) }, data: { resolvedAt: new Date(), resolvedBy: alice.user.id } });
    await alice.client.post("/api/report", { id: post.name, reason: "spam again" });
    expect(await api.services.db.report.count({ where: { thingId: idOf(post.name), resolvedAt: null } })).toBe(1);
  });

  it("reports comments too", async () => {
    const post = await newPost();
    const c = await bob.client.post("/api/comment", { thing_id: post.name, text: "hm" });
    const name = c.body.json.data.things[0].data.name;
    expect((await alice.client.post("/api/report", { id: name, reason: "rude" })).status).toBe(200);
    expect(await api.services.db.report.findFirst({ where: { thingId: idOf(name) } })).toMatchObject({ kind: 1, reason: "rude" });
  });

  it("refuses no reason, a reason over 100 characters, unknown, deleted or removed things, anonymous callers", async () => {
    const post = await newPost();
    const s = api.services;
    await expectRefused(s, () => alice.client.post("/api/report", { id: post.name }), { status: 400, field: "reason", code: "NO_TEXT" });
    await expectRefused(s, () => alice.client.post("/api/report", { id: post.name, reason: "x".repeat(101) }), { status: 400, field: "reason", code: "TOO_LONG" });
    await expectRefused(s, () => alice.client.post("/api/report", { id: "t3_zzzzzz", reason: "spam" }), { status: 404, field: "thing_id" });
    await expectRefused(s, () => alice.client.post("/api/report", { reason: "spam" }), { status: 400, field: "thing_id", code: "INVALID_ID" });
    await expectRefused(s, () => anon.post("/api/report", { id: post.name, reason: "spam" }), { status: 401 });
    await s.db.post.update({ where: { id: idOf(post.name) }, data: { removed: true } });
    await expectRefused(s, () => alice.client.post("/api/report", { id: post.name, reason: "spam" }), { status: 400, code: "REMOVED" });
    await s.db.post.update({ where: { id: idOf(post.name) }, data: { removed: false, deleted: true } });
    await expectRefused(s, () => alice.client.post("/api/report", { id: post.name, reason: "spam" }), { status: 400, code: "DELETED" });
  });
});
