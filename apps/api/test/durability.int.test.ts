import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "@hivemind/db";
import { TOPICS } from "@hivemind/core";
import { createEventProducer, createKafka } from "@hivemind/queue";
import { createOutboxRelay } from "@hivemind/worker";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { createCommunity, userClient } from "./posts-fixtures.js";
import { collectEventIds, topicEnd } from "../../../packages/queue/test/kafka-tail.js";

const here = path.dirname(fileURLToPath(import.meta.url));
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

/** A web process of its own, serving this test's database; resolves with its URL. */
async function startWebProcess(databaseUrl: string) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "serve-api.ts"), databaseUrl], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`web process exited early (${code})`)));
  });
  return { child, url: firstLine.trim() };
}

describe("nothing acknowledged is lost", () => {
  it("a vote acknowledged, then the web process killed with SIGKILL before any relay ran, still reaches Kafka", async () => {
    const author = await userClient(api, "durable_author");
    const voter = await userClient(api, "durable_voter");
    await createCommunity(api.services, "durable", author.user.id);
    const submitted = await author.client.post("/api/submit", { kind: "self", sr: "durable", title: "vote on me", text: "" });
    expect(submitted.status).toBe(200);
    const postName: string = submitted.body.json.data.name;

    const web = await startWebProcess(api.database.url);
    const voted = await new TestClient(web.url).useBearer(voter.token).post("/api/vote", { id: postName, dir: "1" });
    expect(voted.status).toBe(200);
    web.child.kill("SIGKILL");
    await new Promise((resolve) => web.child.once("exit", resolve));

    // The acknowledged vote's event is in the outbox: no relay serves this database yet.
    const rows = await api.services.db.outbox.findMany({ where: { topic: TOPICS.votes } });
    const voteEvent = rows.find((r) => {
      const p = r.payload as { type: string; data: { user: string; dir: number } };
      return p.type === "vote.cast" && p.data.user === voter.user.id.toString(36) && p.data.dir === 1;
    });
    expect(voteEvent).toBeDefined();

    const kafka = createKafka("durability-test");
    const from = await topicEnd(kafka, TOPICS.votes);
    const producer = createEventProducer(kafka);
    await producer.connect();
    const pool = createPool({ url: api.database.url });
    const relay = createOutboxRelay({ pool, producer });
    while ((await relay.drainOnce()) > 0);
    await producer.disconnect();
    await pool.end();

    const seen = await collectEventIds(kafka, TOPICS.votes, from, (ids) => ids.includes(voteEvent!.eventId));
    expect(seen).toContain(voteEvent!.eventId);
    expect(await api.services.db.outbox.count()).toBe(0);
  });
});
