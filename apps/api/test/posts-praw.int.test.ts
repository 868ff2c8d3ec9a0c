import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAccount, createClient, sessionIdOf } from "@hivemind/accounts";
import { startTestApi, type TestApi } from "./harness.js";
import { createCommunity } from "./posts-fixtures.js";
import { prawPython } from "./praw/venv.js";

const run = promisify(execFile);
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "praw", "posts.py");

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

describe("PRAW drives posts, comments, votes, saves and reports unmodified", () => {
  it("submit, reply at depth, edit, replace_more, refresh, info, vote, save/hide, report, delete", async () => {
    const password = "praw-posts-pass";
    const { user, session } = await registerAccount(api.services, { name: "praw_poster", password });
    const actor = { userId: user.id, name: user.name, isAdmin: false, via: "cookie" as const, sessionId: sessionIdOf(session.token) };
    const app = await createClient(api.services, actor, { name: "posts test" });
    const sr = await createCommunity(api.services, "prawposts", user.id);

    const { stdout } = await run(prawPython(), [script], {
      env: { ...process.env, HM_URL: api.url, HM_CLIENT_ID: app.clientId, HM_CLIENT_SECRET: app.secret, HM_USER: user.name, HM_PASSWORD: password, HM_SUBREDDIT: sr.name },
      timeout: 180_000,
    }).catch((err: { stdout?: string; stderr?: string }) => {
      throw new Error(`PRAW script failed:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
    });
    const steps = stdout.trim().split("\n").map((l) => (JSON.parse(l) as { step: string }).step);
    expect(steps).toEqual([
      "submit_self",
      "submit_link",
      "bad_url_refused",
      "reply",
      "edit",
      "fetch_tree_replace_more",
      "refresh",
      "info",
      "vote",
      "save_hide",
      "report",
      "delete",
      "not_found",
    ]);
  }, 300_000);
});
