import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { thingCacheKey } from "@hivemind/cache";
import { createWorker, type Worker } from "@hivemind/worker";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { createCommunity, userClient } from "./posts-fixtures.js";

/**
 * A shown score is fresh within a second, not the thing cache's TTL (an hour by default): the
 * tally deletes `t:{fullname}` of every thing whose counts it changed, right after its commit.
 */

let api: TestApi;
let worker: Worker;

beforeAll(async () => {
  api = await startTestApi();
  worker = createWorker({ databaseUrl: api.database.url, roles: ["relay", "tally"], tallyGroup: `tally-test-${randomUUID()}`, tallyFromLatest: true });
  await worker.start();
});

afterAll(async () => {
  await worker?.destroy();
  await api?.close();
});

async function scoreIn(client: TestClient, path: string, fullname: string): Promise<number | undefined> {
  const res = await client.get(path);
  expect(res.status).toBe(200);
  const child = (res.body as { data: { children: { data: { name: string; score: number } }[] } }).data.children.find((c) => c.data.name === fullname);
  return child?.data.score;
}

/** Polls until `probe` returns `want`; the milliseconds it took, or Infinity after `withinMs`. */
async function msUntil(probe: () => Promise<unknown>, want: unknown, withinMs: number): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < withinMs) {
    if ((await probe()) === want) return performance.now() - start;
    await new Promise((r) => setTimeout(r, 25));
  }
  return Number.POSITIVE_INFINITY;
}

describe("score freshness", () => {
  it("a vote's new score shows in the cached listing within a second of the vote", async () => {
    const author = await userClient(api, "fresh_author");
    const voter = await userClient(api, "fresh_voter");
    await createCommunity(api.services, "fresh", author.user.id);
    const submitted = await author.client.post("/api/submit", { kind: "self", sr: "fresh", title: "a post to vote on", text: "" });
    expect(submitted.status).toBe(200);
    const name: string = submitted.body.json.data.name;
    const anon = new TestClient(api.url);

    // The author's own upvote is counted, and the listing read caches the thing's row.
    expect(await msUntil(() => scoreIn(anon, "/r/fresh/new.json", name), 1, 5_000)).toBeLessThan(5_000);
    // (A read whose lease the tally's delete voided caches nothing: the next read fills it.)
    const cached = async () => (await scoreIn(anon, "/r/fresh/new.json", name)) === 1 && (await api.services.ring.get(thingCacheKey(name))) !== undefined;
    expect(await msUntil(cached, true, 5_000)).toBeLessThan(5_000);
    expect(api.services.live.current().cache.thingTtlSeconds).toBeGreaterThan(60);

    const voted = await voter.client.post("/api/vote", { id: name, dir: "1" });
    expect(voted.status).toBe(200);
    const ms = await msUntil(() => scoreIn(anon, "/r/fresh/new.json", name), 2, 1_000);
    expect(ms, "the new score should show within a second").toBeLessThan(1_000);

    // A comment's score too, on the post's comment page.
    const commented = await author.client.post("/api/comment", { thing_id: name, text: "a comment to vote on" });
    const comment: string = commented.body.json.data.things[0].data.name;
    const commentScore = async () => {
      const res = await anon.get(`/comments/${name.slice(3)}.json`);
      return (res.body as { data: { children: { data: { name: string; score: number } }[] } }[])[1]?.data.children.find((c) => c.data.name === comment)?.data.score;
    };
    expect(await msUntil(commentScore, 1, 5_000)).toBeLessThan(5_000);
    await voter.client.post("/api/vote", { id: comment, dir: "1" });
    expect(await msUntil(commentScore, 2, 1_000), "the comment's new score should show within a second").toBeLessThan(1_000);
  });
});
