import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAccount, createClient, sessionIdOf } from "@hivemind/accounts";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { comment, community, person, post, report, type Person } from "./moderation-fixtures.js";
import { prawPython } from "./praw/venv.js";

const run = promisify(execFile);
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "praw", "moderation.py");

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

describe("PRAW drives moderation unmodified", () => {
  it("remove/approve/lock/sticky, bans, moderators, the mod queue and the mod log", async () => {
    const password = "praw-moderation-pass";
    const { user, session } = await registerAccount(api.services, { name: "praw_mod", password });
    const actor = { userId: user.id, name: user.name, isAdmin: false, via: "cookie" as const, sessionId: sessionIdOf(session.token) };
    const app = await createClient(api.services, actor, { name: "moderation test" });
    const mod: Person = { id: user.id, name: user.name, fullname: `t2_${user.id.toString(36)}`, client: new TestClient(api.url) };
    const author = await person(api, "praw_author");
    const troll = await person(api, "praw_troll");
    const sr = await community(api.services, "prawmods", [mod]);
    const p = await post(api.services, sr.id, author, "moderated by PRAW");
    const c = await comment(api.services, p, author);
    const reported = await post(api.services, sr.id, author, "reported");
    await report(api.services, reported, troll, "spam");

    const python = prawPython();
    const { stdout } = await run(python, [script], {
      env: {
        ...process.env,
        HM_URL: api.url,
        HM_CLIENT_ID: app.clientId,
        HM_CLIENT_SECRET: app.secret,
        HM_USER: mod.name,
        HM_PASSWORD: password,
        HM_SUBREDDIT: sr.name,
        HM_TROLL: troll.name,
        HM_POST: p.id.toString(36),
        HM_COMMENT: c.id.toString(36),
        HM_REPORTED: reported.id.toString(36),
      },
      timeout: 120_000,
    }).catch((err: { stdout?: string; stderr?: string }) => {
      throw new Error(`PRAW script failed:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
    });
    const steps = stdout.trim().split("\n").map((l) => (JSON.parse(l) as { step: string }).step);
    expect(steps).toEqual(["submission_moderation", "comment_moderation", "ban", "unban", "moderators", "modqueue", "modlog"]);
  }, 300_000);
});
