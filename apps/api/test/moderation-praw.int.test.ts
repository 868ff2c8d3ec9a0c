import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prawAccount } from "./fixtures.js";
import { startTestApi, type TestApi } from "./harness.js";
import { accountEnv, MODERATION_STEPS, moderationScript, runPraw } from "./praw/venv.js";

// Here the API server's factory on a random port; infra/test/site.int.test.ts runs the same
// script through the public port of the shipped processes.
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

describe("PRAW drives moderation unmodified", () => {
  it("remove/approve/lock/sticky, bans, moderators, the mod queue and the mod log", async () => {
    const mod = await prawAccount(api.services, "praw_mod", "praw-moderation-pass");
    const author = await prawAccount(api.services, "praw_author");
    const troll = await prawAccount(api.services, "praw_troll");
    const steps = await runPraw(moderationScript, {
      HM_URL: api.url,
      HM_SUBREDDIT: "prawmods",
      ...accountEnv("HM", mod.account),
      ...accountEnv("HM_AUTHOR", author.account),
      ...accountEnv("HM_TROLL", troll.account),
    }, 120_000);
    expect(steps).toEqual(MODERATION_STEPS);
  }, 300_000);
});
