import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { createCacheRing, type CacheRing } from "@hivemind/cache";
import { Coord, LiveConfig, RingMembership, bindRing, startSentinel, writeLiveConfig, type RingNode, type Sentinel } from "../src/index.js";
import { OwnRedis, removeTree, stackZk, testEnv, tmpDir, waitUntil } from "./helpers.js";

// A cache ring client bound to the ring's membership in ZooKeeper (bindRing), with the sentinel
// running, under a steady read load with the usual read-through fallback. Three redis-servers
// of the test's own (never the stack's), a ZooKeeper root of its own.

const HEALTHY_PERIOD_MS = 2_000;
const KEYS = Array.from({ length: 10_000 }, (_, i) => `k:${i}`);
const root = `/hivemind/${testEnv("rb")}`;
const coord = new Coord({ connectString: stackZk(), root });
let redis: OwnRedis[];
let nodes: RingNode[];
let live: LiveConfig;
let membership: RingMembership;
let sentinel: Sentinel;
let cache: CacheRing;
let unbind: () => void;

/** The source of truth (Postgres in the site): the current version of each key's value. */
const truth = new Map<string, number>(KEYS.map((k) => [k, 1]));

interface LoadStats {
  reads: number;
  hits: number;
  misses: number;
  /** A read that threw. */
  failures: number;
  /** A hit whose value is not the current one (a stale read). */
  wrong: { key: string; node: string | undefined; got: number; want: number }[];
  maxMs: number;
}

/** A read load: `workers` loops, each reading a random key, filling it on a miss. `exclude` keys are not read. */
function startLoad(workers: number, exclude: Set<string>) {
  const stats: LoadStats = { reads: 0, hits: 0, misses: 0, failures: 0, wrong: [], maxMs: 0 };
  let running = true;
  const loop = async () => {
    while (running) {
      const key = KEYS[Math.floor(Math.random() * KEYS.length)]!;
      if (exclude.has(key)) continue;
      const started = performance.now();
      try {
        const hit = await cache.get<{ v: number }>(key);
        const want = truth.get(key)!;
        if (hit === undefined) {
          stats.misses++;
          await cache.set(key, { v: want }, { ttlSeconds: 600 });
        } else if (hit.v !== want) stats.wrong.push({ key, node: cache.nodeFor(key), got: hit.v, want });
        else stats.hits++;
      } catch {
        stats.failures++;
      }
      stats.reads++;
      stats.maxMs = Math.max(stats.maxMs, performance.now() - started);
    }
  };
  const done = Promise.all(Array.from({ length: workers }, loop));
  return {
    stats,
    async stop(): Promise<LoadStats> {
      running = false;
      await done;
      return stats;
    },
  };
}

const mapping = () => KEYS.map((k) => cache.nodeFor(k));

beforeAll(async () => {
  redis = await Promise.all([OwnRedis.start(), OwnRedis.start(), OwnRedis.start()]);
  nodes = redis.map((r, i) => ({ id: `n${i}`, host: "127.0.0.1", port: r.port, url: `redis://127.0.0.1:${r.port}` }));
  expect(await coord.start()).toBe(true);
  await writeLiveConfig(coord, { ejection: { failures: 3, checkIntervalMs: 250, timeoutMs: 200, healthyPeriodMs: HEALTHY_PERIOD_MS } }, { author: "int-test" });
  live = await LiveConfig.start({ coord, stateDir: tmpDir("rb") });
  sentinel = startSentinel({ coord, liveConfig: live, register: nodes });
  await waitUntil("sentinel leading", () => sentinel.isLeader(), 10_000);
  membership = await RingMembership.start(coord, { initial: nodes });
  await waitUntil("all nodes registered", () => membership.live().length === 3, 10_000);
  cache = createCacheRing({ nodes, members: [], commandTimeoutMs: 200 });
  await cache.start();
  unbind = bindRing(membership, cache);
  expect(cache.members()).toEqual(["n0", "n1", "n2"]);
}, 60_000);

afterAll(async () => {
  unbind?.();
  await cache?.destroy();
  membership?.destroy();
  await sentinel?.destroy();
  await live?.destroy();
  await removeTree(coord, root);
  await coord.destroy();
  await Promise.all((redis ?? []).map((r) => r.stop()));
});

/**
 * One run: the victim node fails (`fail`) under load, is ejected, keys that lived on it change
 * while it is out, it comes back (`recover`, which may leave old values on it), and it is
 * flushed and re-admitted; the load never fails and never reads a stale value.
 */
async function failureRun(label: string, victim: number, fail: () => void, recover: () => Promise<void>) {
  const id = nodes[victim]!.id;
  const before = mapping();
  // Keys of the victim that will change while it is out; they hold their old value on it now.
  const changing = KEYS.filter((_, i) => before[i] === id).slice(0, 200);
  for (const k of changing) await cache.set(k, { v: truth.get(k)! }, { ttlSeconds: 600 });
  const held = new Set(changing);
  const load = startLoad(8, held);
  await sleep(1_000);

  const failedAt = Date.now();
  fail();
  const droppedAfter = await waitUntil(`${id} dropped from the client`, () => !cache.members().includes(id), 2_000, 5);
  const during = mapping();
  const moved = before.filter((n, i) => n !== during[i]).length;
  const movedOthers = before.filter((n, i) => n !== id && n !== during[i]).length;
  expect(movedOthers).toBe(0);
  expect(during.every((n) => n !== id)).toBe(true);
  expect(moved).toBe(before.filter((n) => n === id).length);

  // While it is out: the changing keys get new values (written through to their new nodes).
  for (const k of changing) {
    truth.set(k, truth.get(k)! + 1);
    await cache.set(k, { v: truth.get(k)! }, { ttlSeconds: 600 });
  }
  held.clear();
  await sleep(500);

  const recoverAt = Date.now();
  await recover();
  const readmitted = await waitUntil(`${id} re-admitted`, () => cache.members().includes(id), HEALTHY_PERIOD_MS + 8_000, 5);
  expect(mapping()).toEqual(before);
  // The changed keys live on the victim again: each read is a miss (it was flushed) or the new value.
  for (const k of changing) {
    const v = await cache.get<{ v: number }>(k);
    if (v !== undefined) expect(v.v).toBe(truth.get(k));
  }
  await sleep(1_000);
  const stats = await load.stop();
  console.log(
    `${label}: ${id} dropped from the client ${droppedAfter} ms after the failure (${Date.now() - failedAt} ms run); ` +
      `${moved}/${KEYS.length} keys remapped (${((moved / KEYS.length) * 100).toFixed(1)}%), none of another node's; ` +
      `re-admitted flushed ${readmitted} ms after recovery (${Date.now() - recoverAt} ms); ` +
      `${stats.reads} reads (${stats.hits} hits, ${stats.misses} misses), ${stats.failures} failed, ${stats.wrong.length} stale, slowest ${stats.maxMs.toFixed(0)} ms`,
  );
  expect(droppedAfter).toBeLessThan(2_000);
  expect(stats.failures).toBe(0);
  expect(stats.wrong).toEqual([]);
  expect(stats.reads).toBeGreaterThan(1_000);
}

describe("a cache ring bound to the ZooKeeper membership, under read load", () => {
  it("a node hung with SIGSTOP: dropped within 2 s, zero failed or stale reads, only its keys remapped; resumed, flushed and re-admitted", async () => {
    const victim = redis[1]!;
    await failureRun("SIGSTOP", 1, () => victim.signal("SIGSTOP"), async () => victim.signal("SIGCONT"));
  }, 60_000);

  it("a node killed with SIGKILL: the same; restarted holding old values, it is flushed before it serves again", async () => {
    const port = redis[2]!.port;
    const key = KEYS.find((k) => cache.nodeFor(k) === "n2")!;
    await failureRun(
      "SIGKILL",
      2,
      () => redis[2]!.signal("SIGKILL"),
      async () => {
        await redis[2]!.stop();
        redis[2] = new OwnRedis(port);
        await redis[2].start();
        // Back with values from before (as after a restore from a snapshot): the flush must drop them.
        const direct = new Redis({ port, host: "127.0.0.1" });
        try {
          await direct.set(key, JSON.stringify({ v: -1 }));
        } finally {
          direct.disconnect();
        }
      },
    );
    expect(await cache.get(key)).not.toEqual({ v: -1 });
  }, 60_000);
});
