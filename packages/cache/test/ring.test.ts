import { describe, expect, it } from "vitest";
import { HashRing } from "../src/ring.js";

const KEYS = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? `t:t3_${(i * 7919).toString(36)}` : `l:sr:${i.toString(36)}:hot`));
const NODES = ["redis-0", "redis-1", "redis-2"];

function mapping(ring: HashRing): string[] {
  return KEYS.map((k) => ring.nodeFor(k) as string);
}

function counts(ring: HashRing): Map<string, number> {
  const c = new Map<string, number>();
  for (const n of mapping(ring)) c.set(n, (c.get(n) ?? 0) + 1);
  return c;
}

describe("HashRing", () => {
  it("with 3 nodes the busiest holds at most 1.1x the mean of 100k keys", () => {
    for (const nodes of [NODES, ["a", "b", "c"], ["cache-1.internal:6379", "cache-2.internal:6379", "cache-3.internal:6379"]]) {
      const c = counts(HashRing.of(nodes));
      expect(c.size).toBe(3);
      const busiest = Math.max(...c.values());
      expect(busiest / (KEYS.length / 3), nodes.join(",")).toBeLessThanOrEqual(1.1);
    }
  });

  it("removing a node moves only that node's keys (about a third), and adding it back restores the mapping", () => {
    const ring = HashRing.of(NODES);
    const before = mapping(ring);
    const without = ring.withoutNode("redis-1");
    const after = mapping(without);
    let moved = 0;
    let wrong = 0;
    for (let i = 0; i < KEYS.length; i++) {
      if (before[i] === "redis-1") {
        if (after[i] === "redis-1") wrong++;
        moved++;
      } else if (after[i] !== before[i]) {
        wrong++; // nothing else may move
      }
    }
    expect(wrong).toBe(0);
    expect(moved / KEYS.length).toBeGreaterThan(0.28);
    expect(moved / KEYS.length).toBeLessThan(0.39);
    expect(mapping(without.withNode("redis-1"))).toEqual(before);
  });

  it("adding a fourth node takes keys only onto the new node", () => {
    const ring = HashRing.of(NODES);
    const before = mapping(ring);
    const after = mapping(ring.withNode("redis-3"));
    let moved = 0;
    let wrong = 0;
    for (let i = 0; i < KEYS.length; i++) {
      if (after[i] !== before[i]) {
        if (after[i] !== "redis-3") wrong++;
        moved++;
      }
    }
    expect(wrong).toBe(0);
    expect(moved / KEYS.length).toBeGreaterThan(0.2);
    expect(moved / KEYS.length).toBeLessThan(0.3);
  });

  it("is immutable: withNode/withoutNode leave the original ring as it was", () => {
    const ring = HashRing.of(NODES);
    const first = mapping(ring);
    ring.withoutNode("redis-0");
    ring.withNode("redis-9");
    expect(ring.nodes).toEqual(NODES);
    expect(mapping(ring)).toEqual(first);
    expect(ring.withNode("redis-0")).toBe(ring);
    expect(ring.withoutNode("nope")).toBe(ring);
  });

  it("does not depend on the order nodes are listed in", () => {
    expect(mapping(HashRing.of(["redis-2", "redis-0", "redis-1"]))).toEqual(mapping(HashRing.of(NODES)));
  });

  it("an empty ring has no node for any key; a one-node ring has that node for every key", () => {
    expect(HashRing.of([]).nodeFor("t:t3_1")).toBeUndefined();
    const one = HashRing.of(["only"]);
    expect(KEYS.slice(0, 1000).every((k) => one.nodeFor(k) === "only")).toBe(true);
  });

  it("groupByNode puts every key under the node nodeFor names", () => {
    const ring = HashRing.of(NODES);
    const groups = ring.groupByNode(KEYS.slice(0, 3000));
    let total = 0;
    for (const [node, keys] of groups) {
      total += keys.length;
      for (const k of keys) expect(ring.nodeFor(k)).toBe(node);
    }
    expect(total).toBe(3000);
  });

  it("refuses a bad vnode count or an empty node id", () => {
    expect(() => HashRing.of(NODES, 0)).toThrow(RangeError);
    expect(() => HashRing.of([""])).toThrow(RangeError);
  });
});
