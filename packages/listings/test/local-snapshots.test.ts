import { describe, expect, it } from "vitest";
import { communityOwner, type ListingKey } from "@hivemind/core";
import { withLocalSnapshots } from "../src/read/local-snapshots.js";
import type { ListingReader } from "../src/read/skeleton.js";

const key = (id: number): ListingKey => ({ owner: communityOwner(BigInt(id)), sort: "hot", t: "all" });

function counting(): ListingReader & { reads: number } {
  const r = {
    reads: 0,
    async read() {
      r.reads++;
      return { items: [{ fullname: `t3_${r.reads}`, sort: r.reads }], source: "redis" as const };
    },
  };
  return r;
}

describe("process-local listing snapshots", () => {
  it("reuse a listing within the TTL, read it again after", async () => {
    let t = 0;
    const inner = counting();
    const reader = withLocalSnapshots(inner, { ttlMs: 250, now: () => t });
    const first = await reader.read(key(1));
    t = 249;
    expect(await reader.read(key(1))).toBe(first);
    expect(inner.reads).toBe(1);
    t = 250;
    expect((await reader.read(key(1))).items[0]!.fullname).toBe("t3_2");
  });

  it("share one store read between concurrent readers of a listing", async () => {
    const inner = counting();
    const reader = withLocalSnapshots(inner, { now: () => 0 });
    await Promise.all(Array.from({ length: 20 }, () => reader.read(key(1))));
    expect(inner.reads).toBe(1);
  });

  it("keep at most `max` listings, dropping the least recently read", async () => {
    const inner = counting();
    const reader = withLocalSnapshots(inner, { max: 2, now: () => 0 });
    await reader.read(key(1));
    await reader.read(key(2));
    await reader.read(key(1)); // 1 is now the most recent
    await reader.read(key(3)); // drops 2
    expect(inner.reads).toBe(3);
    await reader.read(key(1));
    expect(inner.reads).toBe(3);
    await reader.read(key(2));
    expect(inner.reads).toBe(4);
  });

  it("forget a failed read, so the next one tries the store again", async () => {
    let fail = true;
    const reader = withLocalSnapshots({ read: async () => (fail ? Promise.reject(new Error("down")) : { items: [], source: "redis" as const }) }, { now: () => 0 });
    await expect(reader.read(key(1))).rejects.toThrow("down");
    fail = false;
    await expect(reader.read(key(1))).resolves.toEqual({ items: [], source: "redis" });
  });
});
