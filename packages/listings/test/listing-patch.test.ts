import { describe, expect, it } from "vitest";
import type { ListingState } from "@hivemind/cache";
import { listingPatchOf } from "../src/store/listing-store.js";

const id = (n: number) => `t3_${(46_656 + n).toString(36)}`;
const entry = (n: number, sort: number) => ({ fullname: id(n), sort, ts: n });

function state(members: [number, number][], size = members.length): ListingState {
  const sorted = [...members].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const lowest = sorted[0];
  return { size, lowest: lowest ? { member: id(lowest[0]), score: lowest[1] } : undefined, scores: new Map(members.map(([n, s]) => [id(n), s])) };
}

describe("listingPatchOf", () => {
  it("overwrites changed values, adds newcomers, and leaves unchanged ones alone", () => {
    const s = state([
      [1, 10],
      [2, 20],
    ]);
    const p = listingPatchOf(s, new Map([[id(1), entry(1, 11)], [id(2), entry(2, 20)], [id(3), entry(3, 5)]]), 10);
    expect(p).toEqual({ upsert: [entry(1, 11), entry(3, 5)], remove: [] });
  });

  it("takes out only members that are in the listing (a thing that is not there costs no delete)", () => {
    const s = state([[1, 10]]);
    expect(listingPatchOf(s, new Map([[id(1), null], [id(9), null]]), 10)).toEqual({ upsert: [], remove: [id(1)] });
  });

  it("skips a newcomer to a full listing that ranks below its last member, but not one above it", () => {
    const s = state([
      [1, 10],
      [2, 20],
    ]);
    const low = listingPatchOf(s, new Map([[id(3), entry(3, 9)]]), 2);
    expect(low.upsert).toEqual([]);
    const high = listingPatchOf(s, new Map([[id(3), entry(3, 15)]]), 2);
    expect(high.upsert).toEqual([entry(3, 15)]);
    // Equal value: the newer id ranks first, so it stays in and the older last member is popped.
    expect(listingPatchOf(s, new Map([[id(3), entry(3, 10)]]), 2).upsert).toEqual([entry(3, 10)]);
    expect(listingPatchOf(state([[5, 10], [6, 20]]), new Map([[id(3), entry(3, 10)]]), 2).upsert).toEqual([]);
  });

  it("a removal makes room for a newcomer in the same patch", () => {
    const s = state([
      [1, 10],
      [2, 20],
    ]);
    expect(listingPatchOf(s, new Map([[id(2), null], [id(3), entry(3, 5)]]), 2)).toEqual({ upsert: [entry(3, 5)], remove: [id(2)] });
  });
});
