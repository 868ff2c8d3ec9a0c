import { decomposeId, idTimestamp } from "@hivemind/core";
import { describe, expect, it } from "vitest";
import { SeedIdSpace } from "../src/seed/ids.js";
import { parseSeedOptions, SeedRefusedError } from "../src/seed/options.js";
import { MAX_IDS_PER_KIND, SEED_SIZES, planFor } from "../src/seed/plan.js";

describe("seed plans", () => {
  it("small is a few thousand things, medium about 100 communities / 10k users / 100k posts / 300k comments / 1M votes, large ten times medium", () => {
    expect(planFor("small")).toMatchObject({ communities: 8, users: 200, posts: 1_000, comments: 3_000, votes: 10_000 });
    expect(planFor("medium")).toMatchObject({ communities: 100, users: 10_000, posts: 100_000, comments: 300_000, votes: 1_000_000 });
    const medium = planFor("medium");
    const large = planFor("large");
    for (const key of ["communities", "users", "posts", "comments", "votes"] as const) expect(large[key]).toBe(medium[key] * 10);
  });

  it("every size fits the id spaces and can draw its voters distinctly", () => {
    for (const size of SEED_SIZES) {
      const plan = planFor(size);
      expect(plan.posts + plan.comments).toBeLessThan(MAX_IDS_PER_KIND);
      expect(plan.users).toBeLessThan(MAX_IDS_PER_KIND);
      expect(plan.maxVotesPerThing).toBeLessThanOrEqual(plan.users / 2);
      expect(plan.communities).toBeGreaterThanOrEqual(8); // the known moderator's r/programming is curated #4
    }
  });
});

describe("seed ids", () => {
  it("carry the row's own time and stay unique within a millisecond", () => {
    const space = new SeedIdSpace("test");
    const t = Date.UTC(2025, 5, 1, 12);
    const ids = Array.from({ length: 10_000 }, () => space.at(t));
    expect(new Set(ids).size).toBe(10_000);
    for (const id of ids) expect(idTimestamp(id)).toBe(t);
    expect(decomposeId(ids[4097]!)).toMatchObject({ workerId: 1, sequence: 1 });
  });
});

describe("seed options", () => {
  it("defaults to small with seed 1", () => {
    expect(parseSeedOptions({})).toMatchObject({ size: "small", seed: 1, ifEmpty: false });
  });

  it("accepts the CLI's strings", () => {
    expect(parseSeedOptions({ size: "medium", seed: "42", ifEmpty: true })).toMatchObject({ size: "medium", seed: 42, ifEmpty: true });
  });

  it("names the bad argument, with the CLI's flag names when given", () => {
    expect(() => parseSeedOptions({ size: "huge" }, { size: "--size" })).toThrow(/--size: must be one of small, medium, large/);
    expect(() => parseSeedOptions({ seed: "1.5" })).toThrow(/seed: must be an integer/);
    expect(() => parseSeedOptions({ seed: "abc" })).toThrow(/seed:/);
    expect(() => parseSeedOptions({ databaseUrl: "mysql://x" })).toThrow(/databaseUrl: must be a postgres/);
    expect(() => parseSeedOptions({ size: "huge" })).toThrow(SeedRefusedError);
  });
});
