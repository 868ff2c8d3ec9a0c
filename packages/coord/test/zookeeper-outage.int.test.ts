import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { Coord, LiveConfig, RingMembership, ejectNode, registerRingNodes, writeLiveConfig, type RingNode } from "../src/index.js";
import { Child, OwnZookeeper, testEnv, tmpDir, waitUntil } from "./helpers.js";

// Our own ZooKeeper server: this test stops it, which must never happen to the stack's.
const OUTAGE_MS = 30_000;
const env = testEnv("zo");
let zk: OwnZookeeper;
let admin: Coord;
let watcherCoord: Coord;
let live: LiveConfig;
let ring: RingMembership;
let children: Child[] = [];
const nodes: RingNode[] = ["r0", "r1", "r2"].map((id, i) => ({ id, host: "127.0.0.1", port: 1000 + i, url: `redis://127.0.0.1:${1000 + i}` }));

beforeAll(async () => {
  zk = await OwnZookeeper.start();
  const root = `/hivemind/${env}`;
  admin = new Coord({ connectString: zk.connectString, root, opTimeoutMs: 3_000 });
  expect(await admin.start(10_000)).toBe(true);
  await writeLiveConfig(admin, { scheduler: { intervalSeconds: 120 } }, { author: "int-test" });
  await registerRingNodes(admin, nodes);
  await ejectNode(admin, "r2", { reason: "test", by: "int-test", manual: true });
  const childEnv = { HIVEMIND_ENV: env, ZK_PORT: String(zk.port), HIVEMIND_STATE_DIR: tmpDir("zo") };
  children = [0, 1].map(() => new Child("live-config-child.ts", [], childEnv));
  await Promise.all(children.map((c) => c.waitFor((e) => e.ev === "ready" && e.version === 1, 20_000, "ready on v1")));
  watcherCoord = new Coord({ connectString: zk.connectString, root });
  live = await LiveConfig.start({ coord: watcherCoord, stateDir: tmpDir("zo-in") });
  ring = await RingMembership.start(watcherCoord, { initial: nodes });
  expect(ring.live()).toEqual(["r0", "r1"]);
}, 120_000);

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  ring?.destroy();
  await live?.destroy();
  await watcherCoord?.destroy();
  await admin?.destroy();
  await zk?.destroy();
});

describe("ZooKeeper stopped for 30 s", () => {
  it("keeps the last config and ring while it is down; when it returns, watches are re-armed and a new change arrives everywhere", { timeout: 150_000 }, async () => {
    await zk.stop();
    const downAt = Date.now();
    await waitUntil("the watcher notices", () => !watcherCoord.connected, 15_000);
    while (Date.now() - downAt < OUTAGE_MS) {
      expect(live.current().scheduler.intervalSeconds).toBe(120);
      expect(live.version).toBe(1);
      expect(ring.live()).toEqual(["r0", "r1"]);
      expect(children.every((c) => !c.exited)).toBe(true);
      await sleep(1_000);
    }
    expect(children.every((c) => c.events.filter((e) => e.ev === "change").length === 0)).toBe(true);

    await zk.start();
    const upAt = Date.now();
    await waitUntil("the writer reconnects", () => admin.connected, 30_000, 50);
    await waitUntil("the watcher reconnects", () => watcherCoord.connected, 30_000, 50);
    // Each child's own reconnection (a handshake the restarting server swallowed costs it up to
    // 3 s more: packages/coord handshake-watchdog.ts); the 1 s bound is for a connected process.
    await Promise.all(children.map((c) => c.waitFor((e) => e.ev === "connected" && e.t >= downAt, 30_000, "reconnected")));
    console.log(`zookeeper back after ${upAt - downAt} ms down; clients reconnected ${Date.now() - upAt} ms after it started`);
    const v2 = await writeLiveConfig(admin, { scheduler: { intervalSeconds: 60 } }, { author: "int-test" });
    const committedAt = Date.parse(v2.at);
    const latencies = await Promise.all(
      children.map(async (c) => (await c.waitFor((e) => e.ev === "change" && e.version === 2, 10_000, "v2 after the outage")).t - committedAt),
    );
    await waitUntil("in-process v2", () => live.version === 2, 10_000);
    console.log(`after the outage, v2 reached the child processes in ${latencies.join(", ")} ms`);
    expect(Math.max(...latencies)).toBeLessThan(1_000);

    await ejectNode(admin, "r0", { reason: "after the outage", by: "int-test", manual: true });
    await waitUntil("ring change after the outage", () => ring.live().join() === "r1", 2_000);
  });
});
