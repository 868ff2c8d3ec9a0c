import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { Coord, LiveConfig, RingMembership, ejectNode, ioredisProbe, restoreNode, startSentinel, writeLiveConfig, type RingNode, type Sentinel } from "../src/index.js";
import { OwnRedis, removeTree, stackZk, testEnv, tmpDir, waitUntil } from "./helpers.js";

const HEALTHY_PERIOD_MS = 2_000;
const root = `/hivemind/${testEnv("se")}`;
const coord = new Coord({ connectString: stackZk(), root });
let a: OwnRedis;
let b: OwnRedis;
let nodes: RingNode[];
let live: LiveConfig;
let ring: RingMembership;
let sentinel: Sentinel;
let clientA: Redis;
/** Every membership the ring went through, with what node a held at that moment. */
const transitions: { t: number; live: readonly string[]; keysOnA: number | undefined }[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([OwnRedis.start(), OwnRedis.start()]);
  nodes = [
    { id: "a", host: "127.0.0.1", port: a.port, url: `redis://127.0.0.1:${a.port}` },
    { id: "b", host: "127.0.0.1", port: b.port, url: `redis://127.0.0.1:${b.port}` },
  ];
  expect(await coord.start()).toBe(true);
  await writeLiveConfig(coord, { ejection: { failures: 3, checkIntervalMs: 250, timeoutMs: 200, healthyPeriodMs: HEALTHY_PERIOD_MS } }, { author: "int-test" });
  live = await LiveConfig.start({ coord, stateDir: tmpDir("se") });
  sentinel = startSentinel({ coord, liveConfig: live, register: nodes });
  await waitUntil("sentinel leading", () => sentinel.isLeader(), 10_000);
  ring = await RingMembership.start(coord, { initial: nodes });
  await waitUntil("both nodes registered", () => ring.live().join() === "a,b", 10_000);
  clientA = new Redis({ port: a.port, host: "127.0.0.1", maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  clientA.on("error", () => undefined);
  ring.onChange((ids) => {
    // Read node a's size the instant it rejoins: it must already be empty.
    const entry: (typeof transitions)[number] = { t: Date.now(), live: ids, keysOnA: undefined };
    transitions.push(entry);
    if (ids.includes("a")) void clientA.dbsize().then((n) => (entry.keysOnA = n));
  });
});

afterAll(async () => {
  ring?.destroy();
  await sentinel?.destroy();
  await live?.destroy();
  clientA?.disconnect();
  await removeTree(coord, root);
  await coord.destroy();
  await Promise.all([a?.stop(), b?.stop()]);
});

describe("the cache sentinel", () => {
  it("a node hung with SIGSTOP is ejected within 2 s; resumed, it is flushed and re-admitted after the healthy period", async () => {
    await clientA.set("before-ejection", "stale");
    const stoppedAt = Date.now();
    a.signal("SIGSTOP");
    const ejectedAfter = await waitUntil("a ejected", () => !ring.live().includes("a"), 2_000);
    console.log(`hung node ejected ${ejectedAfter} ms after SIGSTOP`);
    expect(ring.live()).toEqual(["b"]);
    expect(ring.snapshot().ejections).toMatchObject([{ id: "a", by: "sentinel", manual: false }]);

    await sleep(500);
    const resumedAt = Date.now();
    a.signal("SIGCONT");
    const back = await waitUntil("a re-admitted", () => ring.live().includes("a"), HEALTHY_PERIOD_MS + 5_000);
    console.log(`resumed node flushed and re-admitted ${back} ms after SIGCONT (healthy period ${HEALTHY_PERIOD_MS} ms); out for ${Date.now() - stoppedAt} ms`);
    expect(back).toBeGreaterThanOrEqual(HEALTHY_PERIOD_MS);
    expect(Date.now() - resumedAt).toBeGreaterThanOrEqual(HEALTHY_PERIOD_MS);
    expect(await clientA.get("before-ejection")).toBeNull();
    await waitUntil("size read", () => transitions.at(-1)?.keysOnA !== undefined, 2_000);
    expect(transitions.at(-1)).toMatchObject({ live: ["a", "b"], keysOnA: 0 });
  });

  it("a node killed (SIGKILL) is ejected; restarted with data written meanwhile, it rejoins empty", async () => {
    const killedAt = Date.now();
    await a.stop();
    const ejectedAfter = await waitUntil("a ejected", () => !ring.live().includes("a"), 2_000);
    console.log(`killed node ejected ${ejectedAfter} ms after SIGKILL (${Date.now() - killedAt} ms)`);
    a = new OwnRedis(a.port);
    await a.start();
    await waitUntil("test client reconnected", () => clientA.status === "ready", 5_000);
    await clientA.set("written-while-out", "stale");
    await waitUntil("a re-admitted", () => ring.live().includes("a"), HEALTHY_PERIOD_MS + 5_000);
    expect(await clientA.get("written-while-out")).toBeNull();
  });

  it("a manual ejection is not undone by the sentinel; ops restore flushes and re-admits", async () => {
    await ejectNode(coord, "a", { reason: "by hand", by: "ops:int-test", manual: true });
    await waitUntil("a ejected", () => !ring.live().includes("a"), 1_000);
    await clientA.set("during-manual", "stale");
    await sleep(HEALTHY_PERIOD_MS + 1_000);
    expect(ring.live()).toEqual(["b"]);
    const probe = ioredisProbe();
    try {
      expect(await restoreNode(coord, "a", { flush: (n) => probe.flushAll(n, 2_000) })).toBe(true);
    } finally {
      await probe.close();
    }
    await waitUntil("a re-admitted", () => ring.live().includes("a"), 1_000);
    expect(await clientA.get("during-manual")).toBeNull();
  });
});
