import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorker, type Worker } from "@hivemind/worker";
import { newSessionToken, sessionIdOf } from "@hivemind/accounts";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { createCommunity, userClient } from "./posts-fixtures.js";

const VOTERS = 1000;
let api: TestApi;
let worker: Worker;

beforeAll(async () => {
  api = await startTestApi();
  worker = createWorker({ databaseUrl: api.database.url, tallyGroup: `tally-test-${randomUUID()}`, tallyFromLatest: true });
  await worker.start();
});

afterAll(async () => {
  await worker?.destroy();
  await api?.close();
});

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("a thousand users voting at once on one post", () => {
  it("ends with ups and downs equal to the votes table, and karma agreeing", async () => {
    const author = await userClient(api, "hot_author");
    await createCommunity(api.services, "hot", author.user.id);
    const submitted = await author.client.post("/api/submit", { kind: "self", sr: "hot", title: "the hot post", text: "" });
    const postName: string = submitted.body.json.data.name;

    const { db, ids } = api.services;
    const users = Array.from({ length: VOTERS }, (_, i) => ({ id: ids.next(), name: `voter_${i}` }));
    await db.user.createMany({ data: users.map((u) => ({ ...u, nameLower: u.name, passwordHash: "!fixture" })) });
    const tokens = users.map(() => newSessionToken());
    await db.session.createMany({
      data: users.map((u, i) => ({ id: sessionIdOf(tokens[i]!), userId: u.id, kind: "bearer", scope: "*", expiresAt: new Date(Date.now() + 3_600_000) })),
    });

    // Each user casts 1–4 votes in a row (up, down, clear, often repeating one),
    // all users at the same time.
    const random = mulberry32(42);
    const plans = users.map(() => Array.from({ length: 1 + Math.floor(random() * 4) }, () => String(Math.floor(random() * 3) - 1)));
    const statuses = await Promise.all(
      plans.map(async (dirs, i) => {
        const client = new TestClient(api.url).useBearer(tokens[i]!);
        const seen: number[] = [];
        for (const dir of dirs) seen.push((await client.post("/api/vote", { id: postName, dir })).status);
        return seen;
      }),
    );
    expect(statuses.flat().filter((s) => s !== 200)).toEqual([]);

    const expectedUps = plans.filter((p) => p.at(-1) === "1").length + 1; // + the author's own upvote
    const expectedDowns = plans.filter((p) => p.at(-1) === "-1").length;
    const postId = BigInt(parseInt(postName.slice(3), 36));

    const settle = async () => {
      const [row] = await db.$queryRaw<{ ups: number; downs: number; vups: bigint; vdowns: bigint; pending: bigint; outbox: bigint; karma: number }[]>`
        SELECT p.ups, p.downs,
          (SELECT count(*) FROM votes WHERE thing_id = p.id AND dir = 1) AS vups,
          (SELECT count(*) FROM votes WHERE thing_id = p.id AND dir = -1) AS vdowns,
          (SELECT count(*) FROM votes WHERE dir <> counted_dir) AS pending,
          (SELECT count(*) FROM outbox) AS outbox,
          (SELECT link_karma FROM users WHERE id = p.author_id) AS karma
        FROM posts p WHERE p.id = ${postId}`;
      return row!;
    };
    const deadline = Date.now() + 60_000;
    let state = await settle();
    while ((state.pending > 0n || state.outbox > 0n) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      state = await settle();
    }
    expect(state.pending).toBe(0n);
    expect(state.outbox).toBe(0n);
    expect(Number(state.vups)).toBe(expectedUps);
    expect(Number(state.vdowns)).toBe(expectedDowns);
    expect(state.ups).toBe(expectedUps);
    expect(state.downs).toBe(expectedDowns);
    // Karma: everyone's votes but the author's own.
    expect(state.karma).toBe(expectedUps - 1 - expectedDowns);
  }, 180_000);
});
