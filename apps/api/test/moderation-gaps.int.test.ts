import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { comment, community, person, post, type Person } from "./moderation-fixtures.js";

let api: TestApi;
let mod: Person;
let author: Person;
let sr: { id: bigint; name: string };

beforeAll(async () => {
  api = await startTestApi();
  mod = await person(api, "gaps_mod");
  author = await person(api, "gaps_author");
  sr = await community(api.services, "gapland", [mod]);
});
afterAll(async () => {
  await api?.close();
});

const ban = (p: Person) => mod.client.post(`/r/${sr.name}/api/friend`, { name: p.name, type: "banned" });

describe("a user banned from a community", () => {
  it("can no longer edit their posts and comments there, nor report things; nothing changes", async () => {
    const p = await post(api.services, sr.id, author, "before the ban");
    const c = await comment(api.services, p, author, "said before the ban");
    const other = await post(api.services, sr.id, mod, "a mod post");
    expect((await ban(author)).status).toBe(200);

    const editPost = await author.client.post("/api/editusertext", { thing_id: p.fullname, text: "rewritten after the ban" });
    expect([editPost.status, editPost.body.reason]).toEqual([400, "BANNED"]);
    const editComment = await author.client.post("/api/editusertext", { thing_id: c.fullname, text: "rewritten after the ban" });
    expect([editComment.status, editComment.body.reason]).toEqual([400, "BANNED"]);
    expect((await api.services.db.post.findUniqueOrThrow({ where: { id: p.id } })).body).toBe("text");
    expect((await api.services.db.comment.findFirstOrThrow({ where: { id: c.id } })).body).toBe("said before the ban");

    const report = await author.client.post("/api/report", { id: other.fullname, reason: "spam" });
    expect([report.status, report.body.reason]).toEqual([400, "BANNED"]);
    expect(await api.services.db.report.count({ where: { reporterId: author.id } })).toBe(0);
  });
});

describe("moderators and bans", () => {
  it("adding a banned user as a moderator lifts the ban (logged as unbanuser)", async () => {
    const newcomer = await person(api, "gaps_newcomer");
    expect((await ban(newcomer)).status).toBe(200);
    expect((await mod.client.post(`/r/${sr.name}/api/friend`, { name: newcomer.name, type: "moderator" })).status).toBe(200);
    expect(await api.services.db.ban.count({ where: { communityId: sr.id, userId: newcomer.id } })).toBe(0);
    const log = await mod.client.get(`/r/${sr.name}/about/log?type=unbanuser`);
    expect(log.body.data.children.map((c: { data: { target_fullname: string } }) => c.data.target_fullname)).toContain(newcomer.fullname);
    // A moderator now, able to moderate.
    const p = await post(api.services, sr.id, mod, "to remove");
    expect((await newcomer.client.post("/api/remove", { id: p.fullname })).status).toBe(200);
  });

  it("a moderator with a ban in force (rows written behind the API's back) is not a moderator", async () => {
    const rogue = await person(api, "gaps_rogue");
    await api.services.db.moderator.create({ data: { communityId: sr.id, userId: rogue.id } });
    await api.services.db.ban.create({ data: { communityId: sr.id, userId: rogue.id, bannedBy: mod.id } });
    const p = await post(api.services, sr.id, mod, "rogue target");
    const res = await rogue.client.post("/api/remove", { id: p.fullname });
    expect([res.status, res.body.reason]).toEqual([403, "MOD_REQUIRED"]);
    expect((await rogue.client.get(`/r/${sr.name}/about/modqueue`)).status).toBe(403);
    expect((await rogue.client.get(`/r/${sr.name}/about`)).body.data.user_is_moderator).toBe(false);
  });
});

describe("the public mod log", () => {
  it("does not name the author of removed content that the thing's own view shows as [deleted]; moderators still see it", async () => {
    const writer = await person(api, "gaps_writer");
    const p = await post(api.services, sr.id, writer, "to be removed");
    expect((await mod.client.post("/api/remove", { id: p.fullname })).status).toBe(200);
    const anon = new TestClient(api.url);
    // The thing's own view hides the author...
    const view = await anon.get(`/api/info?id=${p.fullname}`);
    expect(view.body.data.children[0].data.author).toBe("[deleted]");
    // ...and so does the public log.
    const entryFor = (body: { data: { children: { data: { target_fullname: string; target_author: string } }[] } }) => body.data.children.find((c) => c.data.target_fullname === p.fullname)?.data;
    const publicLog = await anon.get(`/r/${sr.name}/about/log`);
    expect(entryFor(publicLog.body)?.target_author).toBe("[deleted]");
    expect(JSON.stringify(publicLog.body)).not.toContain(`"${writer.name}"`);
    const modLog = await mod.client.get(`/r/${sr.name}/about/log`);
    expect(entryFor(modLog.body)?.target_author).toBe(writer.name);
  });
});
