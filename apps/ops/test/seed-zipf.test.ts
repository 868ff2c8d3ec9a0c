import { describe, expect, it } from "vitest";
import { Random } from "../src/seed/random.js";
import { ZipfSampler, cappedShares, zipfWeights } from "../src/seed/zipf.js";

function histogram(sampler: ZipfSampler, draws: number, seed: string): number[] {
  const rng = new Random(seed);
  const counts = new Array<number>(sampler.size).fill(0);
  for (let i = 0; i < draws; i++) counts[sampler.sample(rng)]! += 1;
  return counts;
}

describe("ZipfSampler", () => {
  it("draws rank r with frequency close to 1/(r+1)^s over the harmonic sum", () => {
    const sampler = new ZipfSampler(100, 1);
    const draws = 200_000;
    const counts = histogram(sampler, draws, "zipf-shape");
    const harmonic = zipfWeights(100, 1).reduce((a, b) => a + b, 0);
    for (const rank of [0, 1, 2, 4, 9, 49]) {
      const expected = draws / (rank + 1) / harmonic;
      expect(Math.abs(counts[rank]! - expected) / expected).toBeLessThan(0.1);
    }
  });

  it("gives rank 0 about 2^s times the draws of rank 1", () => {
    const sampler = new ZipfSampler(1000, 1.1);
    const counts = histogram(sampler, 300_000, "zipf-ratio");
    expect(counts[0]! / counts[1]!).toBeCloseTo(Math.pow(2, 1.1), 0);
  });

  it("is skewed: the top 10% of ranks get most of the draws, the median rank a sliver", () => {
    const sampler = new ZipfSampler(1000, 1);
    const counts = histogram(sampler, 100_000, "zipf-skew");
    const top = counts.slice(0, 100).reduce((a, b) => a + b, 0);
    expect(top / 100_000).toBeGreaterThan(0.65);
    expect(counts[0]! / Math.max(1, counts[500]!)).toBeGreaterThan(100);
  });

  it("with exponent 0 is uniform", () => {
    const sampler = new ZipfSampler(10, 0);
    for (let r = 0; r < 10; r++) expect(sampler.probability(r)).toBeCloseTo(0.1, 10);
  });

  it("probabilities sum to 1 and only ranks in range are drawn", () => {
    const sampler = new ZipfSampler(37, 1.3);
    let sum = 0;
    for (let r = 0; r < 37; r++) sum += sampler.probability(r);
    expect(sum).toBeCloseTo(1, 10);
    expect(sampler.probability(37)).toBe(0);
    const counts = histogram(sampler, 10_000, "zipf-range");
    expect(counts).toHaveLength(37);
  });

  it("refuses a size below 1 or a negative exponent", () => {
    expect(() => new ZipfSampler(0, 1)).toThrow(RangeError);
    expect(() => new ZipfSampler(5, -1)).toThrow(RangeError);
  });
});

describe("cappedShares", () => {
  it("splits the total in proportion when no share reaches the cap", () => {
    const shares = cappedShares(Float64Array.from([3, 2, 1]), 60, 100);
    expect(Array.from(shares)).toEqual([30, 20, 10]);
  });

  it("caps the top shares and spreads the rest proportionally, keeping the total", () => {
    const shares = cappedShares(zipfWeights(1000, 1), 50_000, 1_000);
    const total = shares.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(50_000, 6);
    expect(Math.max(...shares)).toBeLessThanOrEqual(1_000 + 1e-9);
    // Below the capped head, proportions are still Zipf.
    const uncapped = shares.findIndex((s) => s < 1_000);
    expect(shares[uncapped + 1]! / shares[uncapped + 3]!).toBeCloseTo((uncapped + 4) / (uncapped + 2), 6);
  });

  it("gives everyone the cap when the total cannot be placed", () => {
    expect(Array.from(cappedShares(Float64Array.from([5, 1]), 100, 10))).toEqual([10, 10]);
  });
});

describe("Random", () => {
  it("is deterministic for a seed and differs between seeds and forks", () => {
    const a = new Random("s1");
    const b = new Random("s1");
    const c = new Random("s2");
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
    expect(new Random("s1").fork("x").next()).not.toBe(new Random("s1").fork("y").next());
  });

  it("permutation contains every index once", () => {
    const p = new Random("perm").permutation(1000);
    expect(new Set(p).size).toBe(1000);
    expect(Math.min(...p)).toBe(0);
    expect(Math.max(...p)).toBe(999);
  });
});
