import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./harness.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";
import { community, expectRefused, modActions, person, type Person } from "./moderation-fixtures.js";

let api: TestApi;
let mod: Person;
let author: Person;
let reader: Person;
let sr: { id: bigint; name: string };

beforeAll(async () => {
  api = await startTestApi();
  mod = await person(api, "flag_mod");
  author = await person(api, "flag_author");
  reader = await person(api, "flag_reader");
  sr = await community(api.services, "flagged", [mod]);
});

afterAll(async () => {
  await api?.close();
});

/** The post's over_18 and spoiler as a reader's client sees them (through the thing cache). */
async function flagsOf(fullname: string) {
  const res = await reader.client.get(`/api/info?id=${fullname}`);
  expect(res.status).toBe(200);
  const d = res.body.data.children[0].data as { over_18: boolean; spoiler: boolean };
  return { over_18: d.over_18, spoiler: d.spoiler };
}

async function submit(form: Record<string, string>): Promise<string> {
  const res = await author.client.post("/api/submit/", { sr: sr.name, kind: "self", title: "a flagged post", text: "x", ...form });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.json.data.name as string;
}

describe("a post's nsfw and spoiler marks", () => {
  it("are set at submit as PRAW sends them (nsfw=True, spoiler=True), and absent means off", async () => {
    expect(await flagsOf(await submit({ nsfw: "True", spoiler: "True" }))).toEqual({ over_18: true, spoiler: true });
    expect(await flagsOf(await submit({ nsfw: "False", spoiler: "False" }))).toEqual({ over_18: false, spoiler: false });
    expect(await flagsOf(await submit({}))).toEqual({ over_18: false, spoiler: false });
  });

  it("the author sets and clears them; the change shows at once (the cached row is dropped)", async () => {
    const p = await submit({});
    expect(await flagsOf(p)).toEqual({ over_18: false, spoiler: false }); // now cached
    const res = await author.client.post("/api/marknsfw", { id: p });
    expect(res.status).toBe(200);
    expectResponseMatchesOpenApi("POST", "/api/marknsfw", res);
    expect((await author.client.post("/api/spoiler", { id: p })).status).toBe(200);
    expect(await flagsOf(p)).toEqual({ over_18: true, spoiler: true });
    // A comment shown out of its thread (here: the reader's saved list) carries its post's mark.
    const reply = await reader.client.post("/api/comment", { thing_id: p, text: "a reply" });
    const replyName = reply.body.json.data.things[0].data.name as string;
    expect((await reader.client.post("/api/save", { id: replyName })).status).toBe(200);
    const saved = await reader.client.get("/user/flag_reader/saved");
    expect(saved.body.data.children.map((c: { data: { name: string; over_18: boolean } }) => [c.data.name, c.data.over_18])).toEqual([[replyName, true]]);
    expect((await author.client.post("/api/unmarknsfw", { id: p })).status).toBe(200);
    expect((await author.client.post("/api/unspoiler", { id: p })).status).toBe(200);
    expect(await flagsOf(p)).toEqual({ over_18: false, spoiler: false });
    // The author's own marks are not moderation.
    expect(await modActions(api.services, sr.id)).toEqual([]);
  });

  it("a moderator sets them too, in the mod log; anyone else gets 403 and nothing changes", async () => {
    const p = await submit({});
    expect((await mod.client.post("/api/marknsfw", { id: p })).status).toBe(200);
    expect((await mod.client.post("/api/spoiler", { id: p })).status).toBe(200);
    // Again: nothing changes, nothing is logged twice.
    expect((await mod.client.post("/api/spoiler", { id: p })).status).toBe(200);
    expect((await modActions(api.services, sr.id)).map((a) => [a.action, a.targetFullname])).toEqual([
      ["marknsfw", p],
      ["spoiler", p],
    ]);
    const log = await mod.client.get(`/r/${sr.name}/about/log?type=marknsfw`);
    expect(log.body.data.children.map((c: { data: { action: string } }) => c.data.action)).toEqual(["marknsfw"]);
    const refused = await expectRefused(api.services, () => reader.client.post("/api/unmarknsfw", { id: p }), 403);
    expect(refused.reason).toBe("MOD_REQUIRED");
    expect(await flagsOf(p)).toEqual({ over_18: true, spoiler: true });
  });

  it("only posts have them: a comment or a malformed id is a 400 naming id, an unknown post 404", async () => {
    await expectRefused(api.services, () => author.client.post("/api/marknsfw", { id: "t1_abc" }), 400, "id");
    await expectRefused(api.services, () => author.client.post("/api/spoiler", { id: "nonsense" }), 400, "id");
    await expectRefused(api.services, () => author.client.post("/api/spoiler", { id: "t3_zzzzzzz" }), 404, "id");
  });
});
