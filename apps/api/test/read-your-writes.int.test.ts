import { afterAll, beforeAll, expect, it } from "vitest";
import { staticLimits } from "@hivemind/core";
import { createServices, type AppServices } from "../src/services.js";
import { serveApi, TestClient, testRateLimits, type TestApi } from "./harness.js";
import { startContentApi, type UserClient } from "./posts-fixtures.js";

// Two API instances on one database and ring, as behind the front tier: a write on one and the
// writer's next read on the other. Every process keeps what it read from the ring for 250 ms;
// that must never show a logged-in reader the state from before their own write.
let api: TestApi;
let bob: UserClient;
let other: { services: AppServices & { destroy(): Promise<void> }; url: string; close(): Promise<void> };

beforeAll(async () => {
  ({ api, bob } = await startContentApi("ryw"));
  const services = await createServices({ databaseUrl: api.database.url, limits: staticLimits(testRateLimits()) });
  const server = await serveApi(services);
  other = { services, ...server };
});
afterAll(async () => {
  await other?.close();
  await other?.services.destroy();
  await api?.close();
});

type Listing = [unknown, { data: { children: { data: { id: string; body: string; author: string } }[] } }];

it("a comment deleted through one instance reads as deleted at once through the other, for its author; anonymous readers within a second", async () => {
  const post = (await bob.client.post("/api/submit", { kind: "self", sr: "ryw", title: "thread", text: "" })).body.json.data as { id: string };
  const comment = (await bob.client.post("/api/comment", { thing_id: `t3_${post.id}`, text: "soon gone" })).body.json.data.things[0].data as { id: string; name: string };
  const onOther = new TestClient(other.url).useBearer(bob.token);
  const anonOnOther = new TestClient(other.url);
  const bodyOf = async (client: TestClient) => ((await client.get(`/comments/${post.id}.json`)).body as Listing)[1].data.children.find((c) => c.data.id === comment.id)?.data.body;

  // Both readers have just read the comment through the other instance (its local copies are warm).
  expect(await bodyOf(onOther)).toBe("soon gone");
  expect(await bodyOf(anonOnOther)).toBe("soon gone");

  expect((await bob.client.post("/api/del", { id: comment.name })).status).toBe(200);
  expect(await bodyOf(onOther)).toBe("[deleted]");

  const deleted = Date.now();
  while ((await bodyOf(anonOnOther)) !== "[deleted]") {
    expect(Date.now() - deleted).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 20));
  }
});
