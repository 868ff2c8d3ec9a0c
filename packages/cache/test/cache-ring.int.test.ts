import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCacheRing, thingCacheKey, type CacheRing } from "../src/index.js";
import { startOwnRedis, stopAll, type OwnRedis } from "./own-redis.js";

let servers: OwnRedis[] = [];
let ring: CacheRing;

function server(id: string): OwnRedis {
  const s = servers.find((x) => x.node.id === id);
  if (!s) throw new Error(`no server ${id}`);
  return s;
}

async function commandCalls(s: OwnRedis, cmd: string): Promise<number> {
  const info = await s.admin.info("commandstats");
  return Number(new RegExp(`cmdstat_${cmd}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
}

/** Keys that land on each of the three nodes, at least `per` each. */
function keysOnEveryNode(prefix: string, per: number): string[] {
  const keys: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; [...seen.values()].filter((n) => n >= per).length < 3; i++) {
    const k = `${prefix}${i}`;
    keys.push(k);
    const node = ring.nodeFor(k) as string;
    seen.set(node, (seen.get(node) ?? 0) + 1);
  }
  return keys;
}

beforeAll(async () => {
  servers = await Promise.all(["c-0", "c-1", "c-2"].map((id) => startOwnRedis(id)));
  ring = createCacheRing({ nodes: servers.map((s) => s.node), commandTimeoutMs: 200 });
  await ring.start();
});

afterAll(async () => {
  await ring?.destroy();
  await stopAll(servers);
});

describe("cache ring over real Redis nodes", () => {
  it("a JSON value set through the ring lives on the node nodeFor names, and reads back equal", async () => {
    const key = thingCacheKey("t3_abc");
    const thing = { id: "t3_abc", title: "hello", ups: 3, tags: ["a"], nested: { ok: true } };
    expect(await ring.set(key, thing)).toEqual({ ok: true, dropped: [] });
    expect(await ring.get(key)).toEqual(thing);
    const owner = ring.nodeFor(key) as string;
    for (const s of servers) expect(await s.admin.exists(key)).toBe(s.node.id === owner ? 1 : 0);
    await ring.del(key);
    expect(await ring.get(key)).toBeUndefined();
  });

  it("a listing is patched in place: its state answers what a patch needs, and what falls past the cap is popped and returned", async () => {
    const key = "l:patch-test";
    expect(await ring.listingState(key, ["a"])).toBeUndefined();
    // A patch never creates a listing of just its own members.
    expect(await ring.patchListing(key, { upsert: [{ member: "a", score: 1 }], remove: [], cap: 3 })).toBeUndefined();
    expect(await server(ring.nodeFor(key) as string).admin.exists(key)).toBe(0);

    await ring.replaceListing(key, [1, 2, 3].map((n) => ({ member: `m${n}`, score: n })));
    const state = await ring.listingState(key, ["m2", "nope"]);
    expect(state).toEqual({ size: 3, lowest: { member: "m1", score: 1 }, scores: new Map([["m2", 2]]) });

    const popped = await ring.patchListing(key, { upsert: [{ member: "m4", score: 4 }, { member: "m0", score: 0.5 }, { member: "m2", score: 2.5 }], remove: ["m3"], cap: 3 });
    expect(popped).toEqual(["m0"]);
    expect(await ring.zrevrange(key)).toEqual([
      { member: "m4", score: 4 },
      { member: "m2", score: 2.5 },
      { member: "m1", score: 1 },
    ]);
    await ring.del(key);
  });

  it("a reader's fill caches a listing only where Redis holds none, and never overwrites a writer's copy", async () => {
    const key = "l:fill-test";
    expect((await ring.fillListing(key, [1, 2, 3].map((n) => ({ member: `m${n}`, score: n })), { cap: 2, ttlSeconds: 60 })).ok).toBe(true);
    expect(await ring.zrevrange(key)).toEqual([
      { member: "m3", score: 3 },
      { member: "m2", score: 2 },
    ]);
    expect(await server(ring.nodeFor(key) as string).admin.ttl(key)).toBeGreaterThan(0);
    // A writer's newer copy stands: the fill of what a reader read before it is dropped.
    await ring.replaceListing(key, [{ member: "new", score: 9 }]);
    await ring.fillListing(key, [{ member: "old", score: 1 }], { cap: 2 });
    expect(await ring.zrevrange(key)).toEqual([{ member: "new", score: 9 }]);
    await ring.del(key);
    // Values too: set with ifAbsent writes only a key that holds nothing.
    await ring.set("v:fill-test", { v: 1 });
    await ring.set("v:fill-test", { v: 0 }, { ifAbsent: true });
    expect(await ring.get("v:fill-test")).toEqual({ v: 1 });
    await ring.del("v:fill-test");
    await ring.set("v:fill-test", { v: 2 }, { ifAbsent: true });
    expect(await ring.get("v:fill-test")).toEqual({ v: 2 });
    await ring.del("v:fill-test");
  });

  it("mget of keys on all three nodes is one MGET per node and no single GETs", async () => {
    const keys = keysOnEveryNode("t:batch-", 5);
    expect((await ring.setMany(keys.map((key, i) => ({ key, value: { i } })))).ok).toBe(true);
    const mgetBefore = await Promise.all(servers.map((s) => commandCalls(s, "mget")));
    const getBefore = await Promise.all(servers.map((s) => commandCalls(s, "get")));
    const got = await ring.mget<{ i: number }>([...keys, "t:never-written"]);
    const mgetAfter = await Promise.all(servers.map((s) => commandCalls(s, "mget")));
    const getAfter = await Promise.all(servers.map((s) => commandCalls(s, "get")));
    expect(mgetAfter.map((n, i) => n - (mgetBefore[i] as number))).toEqual([1, 1, 1]);
    expect(getAfter).toEqual(getBefore);
    expect(got.size).toBe(keys.length);
    keys.forEach((k, i) => expect(got.get(k)).toEqual({ i }));
    expect(got.has("t:never-written")).toBe(false);
  });

  it("a TTL given to set and to a listing reaches Redis", async () => {
    await ring.set("t:ttl", 1, { ttlSeconds: 30 });
    await ring.zadd("l:ttl", [{ member: "t3_1", score: 1 }], { ttlSeconds: 40 });
    const ttl = await server(ring.nodeFor("t:ttl") as string).admin.ttl("t:ttl");
    const lttl = await server(ring.nodeFor("l:ttl") as string).admin.ttl("l:ttl");
    expect(ttl).toBeGreaterThan(25);
    expect(ttl).toBeLessThanOrEqual(30);
    expect(lttl).toBeGreaterThan(35);
    expect(lttl).toBeLessThanOrEqual(40);
  });

  it("zadd overwrites scores, trims to the cap keeping the highest, and reads back with scores both ways", async () => {
    const key = "l:sr:1:hot";
    await ring.zadd(key, [
      { member: "t3_a", score: 1 },
      { member: "t3_b", score: 2 },
      { member: "t3_c", score: 3 },
    ]);
    await ring.zadd(key, [{ member: "t3_a", score: 10.1234567 }], { cap: 2 }); // a overtakes, c stays, b is trimmed
    expect(await ring.zrevrange(key)).toEqual([
      { member: "t3_a", score: 10.1234567 },
      { member: "t3_c", score: 3 },
    ]);
    expect(await ring.zrange(key)).toEqual([
      { member: "t3_c", score: 3 },
      { member: "t3_a", score: 10.1234567 },
    ]);
    expect(await ring.zrevrange(key, 1, 1)).toEqual([{ member: "t3_c", score: 3 }]);
    expect(await ring.zrevrange(key, 5, 9)).toEqual([]); // past the end of a listing that exists
    await ring.zrem(key, ["t3_c"]);
    expect(await ring.zrevrange(key)).toEqual([{ member: "t3_a", score: 10.1234567 }]);
  });

  it("a listing that is not cached is a miss (undefined), not an empty listing", async () => {
    expect(await ring.zrevrange("l:sr:nothing:hot")).toBeUndefined();
  });

  it("replaceListing swaps a whole 1000-item listing atomically: a concurrent reader never sees a partial one", async () => {
    const key = "l:all:hot";
    const owner = server(ring.nodeFor(key) as string);
    const listing = (round: number) => Array.from({ length: 1000 }, (_, i) => ({ member: `t3_${round}_${i}`, score: i }));
    const sizes = new Set<number>();
    let writing = true;
    const reader = (async () => {
      while (writing) sizes.add(await owner.admin.zcard(key));
    })();
    const multisBefore = await commandCalls(owner, "multi");
    for (let round = 0; round < 30; round++) {
      expect((await ring.replaceListing(key, [...listing(round), { member: "extra", score: -1 }], { cap: 1000 })).ok).toBe(true);
    }
    writing = false;
    await reader;
    expect((await commandCalls(owner, "multi")) - multisBefore).toBe(30); // each replace is one MULTI/EXEC
    expect([...sizes].filter((n) => n !== 0 && n !== 1000)).toEqual([]);
    const read = await ring.zrevrange(key, 0, 2);
    expect(read?.map((e) => e.member)).toEqual(["t3_29_999", "t3_29_998", "t3_29_997"]);
    expect(await owner.admin.zscore(key, "extra")).toBeNull(); // trimmed by the cap in the same MULTI
  });

  it("zrangeMany reads many listings across nodes, leaving misses out", async () => {
    const keys = keysOnEveryNode("l:u:", 2);
    await ring.updateListings(keys.map((key, i) => ({ key, upsert: [{ member: `t3_${i}`, score: i }, { member: "t3_top", score: 1e6 }] })));
    const got = await ring.zrangeMany([...keys, "l:missing"], { start: 0, stop: 0 });
    expect(got.size).toBe(keys.length);
    for (const k of keys) expect(got.get(k)).toEqual([{ member: "t3_top", score: 1e6 }]);
  });

  it("a node out of the ring is never read; its keys go to the others; flushed and re-admitted it serves again", async () => {
    const keys = keysOnEveryNode("t:member-", 20);
    await ring.setMany(keys.map((key) => ({ key, value: "v1" })));
    const before = new Map(keys.map((k) => [k, ring.nodeFor(k) as string]));
    ring.setMembers(["c-0", "c-2"]);
    expect(ring.members()).toEqual(["c-0", "c-2"]);
    for (const k of keys) {
      const now = ring.nodeFor(k);
      if (before.get(k) === "c-1") expect(now).not.toBe("c-1");
      else expect(now).toBe(before.get(k));
    }
    const c1Keys = keys.filter((k) => before.get(k) === "c-1");
    const getsOnC1 = await commandCalls(server("c-1"), "mget");
    const got = await ring.mget(c1Keys);
    expect(got.size).toBe(0); // moved keys are misses on their new node until rewritten
    expect(await commandCalls(server("c-1"), "mget")).toBe(getsOnC1);
    expect(ring.status().find((s) => s.id === "c-1")?.member).toBe(false);

    // While out, c-1's copy goes stale: the key is rewritten on its temporary node.
    await ring.setMany(c1Keys.map((key) => ({ key, value: "v2" })));
    await ring.flushNode("c-1");
    expect(await server("c-1").admin.dbsize()).toBe(0);
    ring.setMembers(["c-0", "c-1", "c-2"]);
    for (const k of keys) expect(ring.nodeFor(k)).toBe(before.get(k));
    const back = await ring.mget(c1Keys);
    expect(back.size).toBe(0); // a miss, never the stale "v1"
  });

  it("setMembers refuses a node it has no connection for", () => {
    expect(() => ring.setMembers(["c-0", "c-9"])).toThrow(/unknown cache node/);
    expect(ring.members()).toEqual(["c-0", "c-1", "c-2"]);
  });

  it("a node registered later, given to setMembers as a CacheNode, is connected and takes only its share of keys", async () => {
    const extra = await startOwnRedis("c-3");
    servers.push(extra);
    const keys = Array.from({ length: 400 }, (_, i) => `t:grow-${i}`);
    const before = new Map(keys.map((k) => [k, ring.nodeFor(k)]));
    ring.setMembers(["c-0", "c-1", "c-2", extra.node]);
    const moved = keys.filter((k) => ring.nodeFor(k) !== before.get(k));
    expect(moved.every((k) => ring.nodeFor(k) === "c-3")).toBe(true);
    expect(moved.length).toBeGreaterThan(50);
    let ready = false;
    for (let i = 0; i < 100 && !ready; i++) {
      ready = ring.status().find((s) => s.id === "c-3")?.connection === "ready";
      if (!ready) await new Promise((r) => setTimeout(r, 20));
    }
    expect(ready).toBe(true);
    await ring.set(moved[0] as string, "on c-3");
    expect(await extra.admin.get(moved[0] as string)).toBe(JSON.stringify("on c-3"));
    ring.setMembers(["c-0", "c-1", "c-2"]);
  });

  it("ping answers with a round-trip time", async () => {
    expect(await ring.ping("c-0")).toBeGreaterThanOrEqual(0);
  });
});
