import { describe, expect, it } from "vitest";
import { LocalCache } from "../src/index.js";

describe("LocalCache", () => {
  it("serves a value for its TTL, then misses", () => {
    let t = 0;
    const cache = new LocalCache<string, number>({ ttlMs: () => 250, max: 10, now: () => t });
    cache.set("a", 1);
    t = 249;
    expect(cache.get("a")).toBe(1);
    t = 250;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("drops the least recently read entry past its bound", () => {
    const cache = new LocalCache<string, number>({ ttlMs: () => 1000, max: 2, now: () => 0 });
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // b is now the least recently read
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
  });

  it("keeps nothing with a TTL of 0, and follows a TTL that changes", () => {
    let ttl = 0;
    const cache = new LocalCache<string, number>({ ttlMs: () => ttl, max: 10, now: () => 0 });
    cache.set("a", 1);
    expect(cache.get("a")).toBeUndefined();
    ttl = 100;
    cache.set("a", 1);
    expect(cache.get("a")).toBe(1);
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
  });
});
