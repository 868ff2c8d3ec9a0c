import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBanned, decodeModActionText } from "@hivemind/domain";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { community, expectRefused, modActions, person, post, type Person } from "./moderation-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let mod: Person;
let junior: Person;
let otherMod: Person;
let admin: Person;
let troll: Person;
let reader: Person;
let sr: { id: bigint; name: string };

beforeAll(async () => {
  api = await startTestApi();
  mod = await person(api, "bans_mod");
  junior = await person(api, "bans_junior");
  otherMod = await person(api, "bans_elsewhere");
  admin = await person(api, "bans_admin", { isAdmin: true });
  troll = await person(api, "bans_troll");
  reader = await person(api, "bans_reader");
  sr = await community(api.services, "banland", [mod, junior]);
  await community(api.services, "otherland", [otherMod]);
});

afterAll(async () => {
  await api?.close();
});

const banRow = (userId: bigint) => api.services.db.ban.findUnique({ where: { communityId_userId: { communityId: sr.id, userId } } });

describe("bans", () => {
  it("r/{sub}/api/friend type=banned bans for a duration; the mod log keeps the reason, not the note", async () => {
    const res = await mod.client.post(`/r/${sr.name}/api/friend`, {
      name: troll.name,
      type: "banned",
      ban_reason: "spamming links",
      ban_message: "please stop",
      note: "third strike",
      duration: "3",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ json: { errors: [] } });
    expectResponseMatchesOpenApi("POST", `/r/${sr.name}/api/friend`, res);

    const ban = await banRow(troll.id);
    expect(ban).toMatchObject({ reason: "spamming links", note: "third strike", bannedBy: mod.id });
    expect(ban!.expiresAt!.getTime() - ban!.createdAt.getTime()).toBe(3 * 86_400_000);
    expect(await isBanned(api.services.db, troll.id, sr.id, api.services.now())).toBe(true);
    expect(await isBanned(api.services.db, troll.id, sr.id, api.services.now() + 4 * 86_400_000)).toBe(false);

    const [action] = (await modActions(api.services, sr.id)).filter((a) => a.action === "banuser");
    expect(action).toMatchObject({ moderatorId: mod.id, targetFullname: troll.fullname, targetAuthorId: troll.id });
    expect(decodeModActionText(action!.details)).toEqual({ details: "3 days", description: "spamming links" });
  });

  it("about/banned lists bans in force as {date, note, name, id}, moderators only", async () => {
    const res = await mod.client.get(`/r/${sr.name}/about/banned`);
    expect(res.status).toBe(200);
    expectResponseMatchesOpenApi("GET", `/r/${sr.name}/about/banned`, res);
    expect(res.body.kind).toBe("Listing");
    expect(res.body.data.children).toEqual([
      expect.objectContaining({ name: troll.name, id: troll.fullname, note: "third strike", days_left: 3, date: expect.any(Number) }),
    ]);
    expect((await reader.client.get(`/r/${sr.name}/about/banned`)).status).toBe(403);
    expect((await otherMod.client.get(`/r/${sr.name}/about/banned`)).status).toBe(403);
    expect((await new TestClient(api.url).get(`/r/${sr.name}/about/banned.json`)).status).toBe(401);
    expect((await admin.client.get(`/r/${sr.name}/about/banned`)).status).toBe(200);
  });

  it("a banned user cannot post, comment or vote in the community", async () => {
    const p = await post(api.services, sr.id, reader);
    const submit = await troll.client.post("/api/submit", { sr: sr.name, kind: "self", title: "hello", text: "" });
    expect(submit.status).toBe(400);
    expect(submit.body.reason).toBe("BANNED");
    const reply = await troll.client.post("/api/comment", { thing_id: p.fullname, text: "hi" });
    expect(reply.status).toBe(400);
    expect(reply.body.reason).toBe("BANNED");
    const vote = await troll.client.post("/api/vote", { id: p.fullname, dir: "1" });
    expect(vote.status).toBe(400);
    expect(vote.body.reason).toBe("BANNED");
  });

  it("/api/friend with r and a permanent ban; re-banning replaces the ban", async () => {
    const res = await mod.client.post("/api/friend", { r: sr.name, name: reader.name, type: "banned", ban_reason: "first" });
    expect(res.status).toBe(200);
    expect((await banRow(reader.id))?.expiresAt).toBeNull();
    expect((await mod.client.post("/api/friend", { r: sr.name, name: reader.name, type: "banned", ban_reason: "second", duration: "7" })).status).toBe(200);
    const ban = await banRow(reader.id);
    expect(ban?.reason).toBe("second");
    expect(ban?.expiresAt).not.toBeNull();
  });

  it("unfriend type=banned lifts the ban and logs unbanuser; unbanning again changes nothing", async () => {
    const res = await mod.client.post(`/r/${sr.name}/api/unfriend`, { name: reader.name, type: "banned" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(await banRow(reader.id)).toBeNull();
    const logged = (await modActions(api.services, sr.id)).length;
    expect((await mod.client.post("/api/unfriend", { r: sr.name, name: reader.name, type: "banned" })).status).toBe(200);
    expect(await modActions(api.services, sr.id)).toHaveLength(logged);
    expect((await modActions(api.services, sr.id)).at(-1)).toMatchObject({ action: "unbanuser", targetFullname: reader.fullname });
  });

  it("a site admin bans in any community", async () => {
    const victim = await person(api, "bans_victim");
    expect((await admin.client.post(`/r/${sr.name}/api/friend`, { name: victim.name, type: "banned" })).status).toBe(200);
    expect((await banRow(victim.id))?.bannedBy).toBe(admin.id);
  });
});

describe("ban refusals write nothing", () => {
  it("anonymous 401, not a moderator 403, another community's moderator 403", async () => {
    const form = { name: reader.name, type: "banned" };
    await expectRefused(api.services, () => new TestClient(api.url).post(`/r/${sr.name}/api/friend`, form), 401);
    await expectRefused(api.services, () => reader.client.post(`/r/${sr.name}/api/friend`, { ...form, name: troll.name }), 403);
    await expectRefused(api.services, () => otherMod.client.post(`/r/${sr.name}/api/friend`, form), 403);
    await expectRefused(api.services, () => otherMod.client.post(`/r/${sr.name}/api/unfriend`, { name: troll.name, type: "banned" }), 403);
  });

  it("unknown community or user: 404", async () => {
    const body = await expectRefused(api.services, () => mod.client.post(`/r/nosuchplace/api/friend`, { name: reader.name, type: "banned" }), 404);
    expect(body.reason).toBe("SUBREDDIT_NOEXIST");
    const u = await expectRefused(api.services, () => mod.client.post(`/r/${sr.name}/api/friend`, { name: "nobody_here", type: "banned" }), 404, "name");
    expect(u.reason).toBe("USER_DOESNT_EXIST");
  });

  it("malformed input: 400 naming the field", async () => {
    const f = `/r/${sr.name}/api/friend`;
    await expectRefused(api.services, () => mod.client.post(f, { type: "banned" }), 400, "name");
    await expectRefused(api.services, () => mod.client.post(f, { name: reader.name, type: "wikibanned" }), 400, "type");
    await expectRefused(api.services, () => mod.client.post(f, { name: reader.name, type: "banned", duration: "0" }), 400, "duration");
    await expectRefused(api.services, () => mod.client.post(f, { name: reader.name, type: "banned", duration: "soon" }), 400, "duration");
    await expectRefused(api.services, () => mod.client.post(f, { name: reader.name, type: "banned", ban_reason: "x".repeat(301) }), 400, "ban_reason");
    await expectRefused(api.services, () => mod.client.post(f, { name: reader.name, type: "banned", note: "x".repeat(301) }), 400, "note");
    await expectRefused(api.services, () => mod.client.post("/api/friend", { name: reader.name, type: "banned" }), 400, "r");
  });

  it("a moderator of the community cannot be banned", async () => {
    await expectRefused(api.services, () => mod.client.post(`/r/${sr.name}/api/friend`, { name: junior.name, type: "banned" }), 400, "name");
  });
});

describe("moderators", () => {
  it("type=moderator adds a moderator; about/moderators lists them, most senior first", async () => {
    const newbie = await person(api, "bans_newbie");
    const res = await junior.client.post(`/r/${sr.name}/api/friend`, { name: newbie.name, type: "moderator" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ json: { errors: [] } });
    const list = await new TestClient(api.url).get(`/r/${sr.name}/about/moderators.json`);
    expect(list.status).toBe(200);
    expectResponseMatchesOpenApi("GET", `/r/${sr.name}/about/moderators`, list);
    expect(list.body.kind).toBe("UserList");
    expect(list.body.data.children.map((c: { name: string }) => c.name)).toEqual([mod.name, junior.name, newbie.name]);
    expect(list.body.data.children[2]).toMatchObject({ id: newbie.fullname, mod_permissions: ["all"] });
    expect((await modActions(api.services, sr.id)).at(-1)).toMatchObject({ action: "addmoderator", moderatorId: junior.id, targetFullname: newbie.fullname });

    // the new moderator can now moderate here
    const p = await post(api.services, sr.id, reader);
    expect((await newbie.client.post("/api/lock", { id: p.fullname })).status).toBe(200);
  });

  it("a moderator cannot remove a more senior one, but can remove a junior one and themselves", async () => {
    const body = await expectRefused(api.services, () => junior.client.post(`/r/${sr.name}/api/unfriend`, { name: mod.name, type: "moderator" }), 403, "name");
    expect(body.message).toMatch(/added after you/);
    expect((await junior.client.post(`/r/${sr.name}/api/unfriend`, { name: "bans_newbie", type: "moderator" })).status).toBe(200);
    expect((await modActions(api.services, sr.id)).at(-1)).toMatchObject({ action: "removemoderator", moderatorId: junior.id });
    expect((await junior.client.post(`/r/${sr.name}/api/unfriend`, { name: junior.name, type: "moderator" })).status).toBe(200);
    const p = await post(api.services, sr.id, reader);
    await expectRefused(api.services, () => junior.client.post("/api/remove", { id: p.fullname }), 403);
  });

  it("the last moderator cannot leave; a site admin can remove them", async () => {
    expect(await api.services.db.moderator.count({ where: { communityId: sr.id } })).toBe(1);
    const body = await expectRefused(api.services, () => mod.client.post(`/r/${sr.name}/api/unfriend`, { name: mod.name, type: "moderator" }), 409, "name");
    expect(body.message).toMatch(/at least one moderator/);
    expect((await admin.client.post("/api/unfriend", { r: sr.name, name: mod.name, type: "moderator" })).status).toBe(200);
    expect(await api.services.db.moderator.count({ where: { communityId: sr.id } })).toBe(0);
    // and put them back
    expect((await admin.client.post("/api/friend", { r: sr.name, name: mod.name, type: "moderator" })).status).toBe(200);
  });

  it("non-moderators cannot add moderators", async () => {
    await expectRefused(api.services, () => reader.client.post(`/r/${sr.name}/api/friend`, { name: reader.name, type: "moderator" }), 403);
    await expectRefused(api.services, () => otherMod.client.post(`/r/${sr.name}/api/friend`, { name: otherMod.name, type: "moderator" }), 403);
  });
});
