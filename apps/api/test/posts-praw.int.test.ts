import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prawAccount } from "./fixtures.js";
import { startTestApi, type TestApi } from "./harness.js";
import { createCommunity } from "./posts-fixtures.js";
import { accountEnv, POSTS_STEPS, postsScript, runPraw } from "./praw/venv.js";

// Here the API server's factory on a random port, its listings computed from Postgres on each
// read (no worker runs); infra/test/site.int.test.ts runs the same script through the public port
// of the shipped processes, where the worker's consumers fill the listings.
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ listings: "postgres" });
});

afterAll(async () => {
  await api?.close();
});

describe("PRAW drives posts, comments, votes, saves, reports and listings unmodified", () => {
  it("submit, reply at depth, edit, replace_more, refresh, info, vote, save/hide, every listing against the JSON, report, delete", async () => {
    const { user, account } = await prawAccount(api.services, "praw_poster", "praw-posts-pass");
    const sr = await createCommunity(api.services, "prawposts", user.id);
    const steps = await runPraw(postsScript, { HM_URL: api.url, HM_SUBREDDIT: sr.name, ...accountEnv("HM", account) }, 180_000);
    expect(steps).toEqual(POSTS_STEPS);
  }, 300_000);
});
