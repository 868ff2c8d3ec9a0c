import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCacheRing, type BreakerState, type CacheRing } from "../src/index.js";
import { eventually, startOwnRedis, stopAll, type OwnRedis } from "./own-redis.js";

const TIMEOUT_MS = 100;
const OPEN_MS = 300;

let servers: OwnRedis[] = [];
let ring: CacheRing;
let changes: [string, BreakerState][] = [];

function breakerOf(id: string): BreakerState | undefined {
  return ring.status().find((s) => s.id === id)?.breaker;
}

function keysOn(id: string, n: number, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) if (ring.nodeFor(`${prefix}${i}`) === id) out.push(`${prefix}${i}`);
  return out;
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

beforeEach(async () => {
  servers = await Promise.all(["f-0", "f-1", "f-2"].map((id) => startOwnRedis(id)));
  ring = createCacheRing({
    nodes: servers.map((s) => s.node),
    commandTimeoutMs: TIMEOUT_MS,
    breaker: { threshold: 3, windowMs: 5_000, openMs: OPEN_MS },
  });
  changes = [];
  ring.onBreakerChange((id, state) => changes.push([id, state]));
  await ring.start();
});

afterEach(async () => {
  for (const s of servers) s.resume();
  await ring?.destroy();
  await stopAll(servers);
});

describe("cache ring with a failing node", () => {
  it("a node hung with SIGSTOP: reads return within the timeout as misses, the breaker opens, then skips it at once; SIGCONT closes it", async () => {
    const hung = servers[1] as OwnRedis;
    const hungKeys = keysOn("f-1", 10, "t:h-");
    const liveKeys = [...keysOn("f-0", 10, "t:h-"), ...keysOn("f-2", 10, "t:h-")];
    await ring.setMany([...hungKeys, ...liveKeys].map((key) => ({ key, value: key })));

    hung.stop();
    for (let i = 0; i < 3; i++) {
      const { value, ms } = await timed(() => ring.mget<string>([...hungKeys, ...liveKeys]));
      expect(ms).toBeLessThan(TIMEOUT_MS + 80);
      expect([...value.keys()].sort()).toEqual([...liveKeys].sort()); // the live nodes still answer
    }
    expect(breakerOf("f-1")).toBe("open");
    expect(changes).toContainEqual(["f-1", "open"]);

    // Open: the hung node is not asked at all, so a read costs no timeout.
    const skipped = await timed(() => ring.get(hungKeys[0] as string));
    expect(skipped.value).toBeUndefined();
    expect(skipped.ms).toBeLessThan(20);
    expect(await ring.zrevrange(keysOn("f-1", 1, "l:h-")[0] as string)).toBeUndefined();

    // Half-open probes keep failing while it is stopped.
    await new Promise((r) => setTimeout(r, OPEN_MS * 2 + TIMEOUT_MS));
    expect(breakerOf("f-1")).not.toBe("closed");

    hung.resume();
    await eventually("the breaker closes after SIGCONT", () => breakerOf("f-1") === "closed", OPEN_MS * 3 + 1_000);
    expect(changes).toContainEqual(["f-1", "closed"]);
    expect((await ring.mget<string>(hungKeys)).size).toBe(hungKeys.length);
  });

  it("writes to a hung node are dropped and reported, and the lost key is never read stale from it afterwards", async () => {
    const hung = servers[1] as OwnRedis;
    const [key] = keysOn("f-1", 1, "t:w-");
    const other = keysOn("f-0", 1, "t:w-")[0] as string;
    await ring.set(key as string, "old");
    hung.stop();
    const { value: result, ms } = await timed(() => ring.setMany([{ key: key as string, value: "new" }, { key: other, value: "fine" }]));
    expect(ms).toBeLessThan(TIMEOUT_MS + 80);
    expect(result.ok).toBe(false);
    expect(result.dropped).toEqual([{ key, node: "f-1", reason: "timeout" }]);
    expect(await ring.get(other)).toBe("fine");

    // Open the breaker, then let the node come back.
    for (let i = 0; i < 3; i++) await ring.get(keysOn("f-1", 2, "t:x-")[1] as string);
    expect(breakerOf("f-1")).toBe("open");
    const dropped = await ring.zadd(keysOn("f-1", 1, "l:w-")[0] as string, [{ member: "t3_1", score: 1 }]);
    expect(dropped.dropped.map((d) => d.reason)).toEqual(["breaker-open"]);

    hung.resume();
    await eventually("the breaker closes after SIGCONT", () => breakerOf("f-1") === "closed", OPEN_MS * 3 + 1_000);
    // The SET "new" that timed out may or may not have run; either way the node held a value the
    // client could not vouch for, and the recovery deleted it: a miss, never "old".
    expect(await ring.get(key as string)).toBeUndefined();
    expect(await hung.admin.exists(key as string)).toBe(0);
    expect(ring.status().find((s) => s.id === "f-1")?.dirtyKeys).toBe(0);
  });

  it("a node killed with SIGKILL fails fast and opens the breaker; restarted, the client reconnects and the breaker closes", async () => {
    const dead = servers[2] as OwnRedis;
    const keys = keysOn("f-2", 5, "t:k-");
    await dead.kill();
    for (let i = 0; i < 3; i++) {
      const { value, ms } = await timed(() => ring.mget(keys));
      expect(value.size).toBe(0);
      expect(ms).toBeLessThan(TIMEOUT_MS + 80);
    }
    expect(breakerOf("f-2")).toBe("open");
    const w = await ring.set(keys[0] as string, 1);
    expect(w.dropped).toEqual([{ key: keys[0], node: "f-2", reason: "breaker-open" }]);

    await dead.restart();
    await eventually("the breaker closes after the restart", () => breakerOf("f-2") === "closed", 5_000);
    expect((await ring.set(keys[0] as string, 2)).ok).toBe(true);
    expect(await ring.get(keys[0] as string)).toBe(2);
  });

  it("a read load across a SIGSTOP and SIGCONT never throws and never waits past the timeout", async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `t:load-${i}`);
    await ring.setMany(keys.map((key) => ({ key, value: key })));
    let reads = 0;
    let slowest = 0;
    let running = true;
    const load = (async () => {
      while (running) {
        const { ms } = await timed(() => ring.mget(keys));
        slowest = Math.max(slowest, ms);
        reads++;
        // A read that asks no node (each one skipped or not connected) settles without I/O; without
        // this the loop would run on microtasks alone and starve the timers that end it.
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    (servers[0] as OwnRedis).stop();
    await new Promise((r) => setTimeout(r, 600));
    (servers[0] as OwnRedis).resume();
    await eventually("the breaker closes", () => breakerOf("f-0") === "closed", OPEN_MS * 3 + 1_000);
    running = false;
    await load; // rejects if any read threw
    expect(reads).toBeGreaterThan(20);
    expect(slowest).toBeLessThan(TIMEOUT_MS + 80);
  });

  it("a node down when the client starts: start() does not throw, its keys miss, and it is used once it comes up", async () => {
    await ring.destroy();
    const late = servers[0] as OwnRedis;
    await late.kill();
    ring = createCacheRing({ nodes: servers.map((s) => s.node), commandTimeoutMs: TIMEOUT_MS, breaker: { threshold: 3, windowMs: 5_000, openMs: OPEN_MS } });
    await ring.start();
    const key = keysOn("f-0", 1, "t:late-")[0] as string;
    expect(await ring.get(key)).toBeUndefined();
    await late.restart();
    await late.admin.set(key, JSON.stringify("here"));
    await eventually("the late node is read", async () => (await ring.get(key)) === "here", 5_000);
  });
});
