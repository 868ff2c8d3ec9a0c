import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@hivemind/config";
import { createCacheRing, listingCacheKey, thingCacheKey, type CacheRing } from "../src/index.js";

// The stack's own Redis nodes (config().redis.nodes). This file only reads and writes keys of its
// own run, deletes them after, and never signals or flushes these nodes.
const run = randomUUID().slice(0, 8);
let ring: CacheRing;
const written: string[] = [];

beforeAll(async () => {
  ring = createCacheRing();
  await ring.start();
});

afterAll(async () => {
  if (written.length) await ring.del(written);
  await ring?.destroy();
});

describe("the cache ring on the stack's Redis nodes", () => {
  it("has every configured node connected and in the ring", async () => {
    const ids = config().redis.nodes.map((n) => n.id);
    expect(ring.members()).toEqual([...ids].sort());
    for (const id of ids) expect(await ring.ping(id)).toBeLessThan(200);
    expect(ring.status().every((s) => s.connection === "ready" && s.breaker === "closed")).toBe(true);
  });

  it("spreads things and listings over all nodes and reads them back in one batch", async () => {
    const things = Array.from({ length: 60 }, (_, i) => thingCacheKey(`t3_${run}${i.toString(36)}`));
    const listing = listingCacheKey(`sr:${run}:hot`);
    written.push(...things, listing);
    expect((await ring.setMany(things.map((key, i) => ({ key, value: { i } })), { ttlSeconds: 120 })).ok).toBe(true);
    expect((await ring.replaceListing(listing, [{ member: "t3_x", score: 1 }], { cap: 1000, ttlSeconds: 120 })).ok).toBe(true);
    expect(new Set(things.map((k) => ring.nodeFor(k))).size).toBe(config().redis.nodes.length);
    const got = await ring.mget<{ i: number }>(things);
    expect(things.map((k) => got.get(k)?.i)).toEqual(things.map((_, i) => i));
    expect(await ring.zrevrange(listing)).toEqual([{ member: "t3_x", score: 1 }]);
  });
});
