import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./harness.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";
import { community, person, post, type Person } from "./moderation-fixtures.js";

let api: TestApi;
let dan: Person;
let eve: Person;
let mod: Person;
let sr: { id: bigint; name: string };

beforeAll(async () => {
  api = await startTestApi();
  dan = await person(api, "block_dan");
  eve = await person(api, "block_eve");
  mod = await person(api, "block_mod");
  sr = await community(api.services, "blockyard", [mod]);
});

afterAll(async () => {
  await api?.close();
});

async function inboxSubjects(who: Person): Promise<string[]> {
  const res = await who.client.get("/message/inbox");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.data.children as { data: { subject: string } }[]).map((c) => c.data.subject);
}

async function blocked(who: Person): Promise<string[]> {
  const res = await who.client.get("/prefs/blocked");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expectResponseMatchesOpenApi("GET", "/prefs/blocked", res);
  return (res.body.data.children as { name: string }[]).map((c) => c.name);
}

const compose = (from: Person, to: Person, subject: string) => from.client.post("/api/compose", { to: to.name, subject, text: "hi" });

describe("blocking an account", () => {
  it("stops its messages and replies reaching the inbox; the sender is not told; unfriend type=enemy lifts it", async () => {
    const res = await dan.client.post("/api/block_user", { name: eve.name });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectResponseMatchesOpenApi("POST", "/api/block_user", res);
    expect(res.body).toMatchObject({ id: eve.fullname, name: eve.name });
    // Blocking again changes nothing.
    expect((await dan.client.post("/api/block_user", { name: eve.name })).status).toBe(200);
    expect(await blocked(dan)).toEqual([eve.name]);

    expect((await compose(eve, dan, "while blocked")).status).toBe(200);
    const danPost = await post(api.services, sr.id, dan, "dan's post");
    expect((await eve.client.post("/api/comment", { thing_id: danPost.fullname, text: "a reply while blocked" })).status).toBe(200);
    expect(await inboxSubjects(dan)).toEqual([]);
    const sent = await eve.client.get("/message/sent");
    expect(sent.body.data.children.map((c: { data: { subject: string } }) => c.data.subject)).toEqual(["while blocked"]);
    // Only the blocker's inbox is filtered: dan still reaches eve.
    expect((await compose(dan, eve, "from the blocker")).status).toBe(200);
    expect(await inboxSubjects(eve)).toEqual(["from the blocker"]);

    const lifted = await dan.client.post("/r/all/api/unfriend", { name: eve.name, type: "enemy", container: dan.fullname });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    expect(await blocked(dan)).toEqual([]);
    expect((await compose(eve, dan, "after the block")).status).toBe(200);
    expect(await inboxSubjects(dan)).toEqual(["after the block"]);
  });

  it("/api/block blocks the author of a message in the reader's inbox", async () => {
    const carl = await person(api, "block_carl");
    expect((await compose(carl, dan, "spam")).status).toBe(200);
    const inbox = await dan.client.get("/message/inbox");
    const spam = (inbox.body.data.children as { data: { name: string; subject: string } }[]).find((c) => c.data.subject === "spam")!;
    const res = await dan.client.post("/api/block", { id: spam.data.name });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await blocked(dan)).toEqual([carl.name]);
    // A message the reader did not receive names no author they may block.
    const other = await compose(carl, eve, "not yours");
    expect(other.status).toBe(200);
    const theirs = (await eve.client.get("/message/inbox")).body.data.children.find((c: { data: { subject: string } }) => c.data.subject === "not yours");
    expect((await dan.client.post("/api/block", { id: theirs.data.name })).status).toBe(404);
    await dan.client.post("/r/all/api/unfriend", { name: carl.name, type: "enemy" });
  });

  it("a moderator's ban notice arrives even from a blocked moderator", async () => {
    expect((await dan.client.post("/api/block_user", { name: mod.name })).status).toBe(200);
    const ban = await mod.client.post(`/r/${sr.name}/api/friend`, { name: dan.name, type: "banned", ban_message: "enough" });
    expect(ban.status, JSON.stringify(ban.body)).toBe(200);
    expect((await inboxSubjects(dan)).some((s) => s.includes(sr.name))).toBe(true);
  });

  it("bad input is a 400 naming the field and blocks nothing", async () => {
    const before = await api.services.db.userBlock.count();
    for (const [body, code] of [
      [{ name: dan.name }, "BAD_REQUEST"],
      [{ name: "nobody_by_that_name" }, "USER_DOESNT_EXIST"],
      [{}, "USER_DOESNT_EXIST"],
    ] as const) {
      const res = await dan.client.post("/api/block_user", body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.json.errors[0][0]).toBe(code);
      expect(res.body.fields).toEqual(["name"]);
    }
    const bad = await dan.client.post("/api/block", { id: "t3_abc" });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual(["id"]);
    expect(await api.services.db.userBlock.count()).toBe(before);
  });
});
