import type { Random } from "./random.js";

/**
 * Zipf's law over ranks 0..size-1: P(rank r) ∝ 1 / (r + 1)^exponent. A few
 * ranks get most of the draws (the biggest community, the busiest user, the
 * front-page post), with a long tail.
 */
export class ZipfSampler {
  private readonly cdf: Float64Array;

  constructor(
    readonly size: number,
    readonly exponent: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`zipf size must be a positive integer, got ${size}`);
    if (!(exponent >= 0)) throw new RangeError(`zipf exponent must be >= 0, got ${exponent}`);
    const weights = zipfWeights(size, exponent);
    this.cdf = new Float64Array(size);
    let sum = 0;
    for (let r = 0; r < size; r++) {
      sum += weights[r] as number;
      this.cdf[r] = sum;
    }
    for (let r = 0; r < size; r++) this.cdf[r] = (this.cdf[r] as number) / sum;
  }

  /** The probability of drawing `rank`. */
  probability(rank: number): number {
    const upper = this.cdf[rank];
    if (upper === undefined) return 0;
    return upper - (rank === 0 ? 0 : (this.cdf[rank - 1] as number));
  }

  /** A rank in 0..size-1 (binary search on the cumulative distribution). */
  sample(rng: Random): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Unnormalised Zipf weights 1 / (r + 1)^exponent, highest first. */
export function zipfWeights(size: number, exponent: number): Float64Array {
  const weights = new Float64Array(size);
  for (let r = 0; r < size; r++) weights[r] = 1 / Math.pow(r + 1, exponent);
  return weights;
}

/**
 * Splits `total` in proportion to `weights` (sorted highest first) with no
 * share above `cap` ("water-filling"): the top shares are capped and what
 * they could not take is spread over the rest in the same proportions, so the
 * shares still add up to `total` (or to cap × n when that is less).
 */
export function cappedShares(weights: Float64Array, total: number, cap: number): Float64Array {
  const n = weights.length;
  const shares = new Float64Array(n);
  let remainingWeight = 0;
  for (let i = 0; i < n; i++) remainingWeight += weights[i] as number;
  let capped = 0;
  while (capped < n) {
    const scale = (total - capped * cap) / remainingWeight;
    if ((weights[capped] as number) * scale <= cap) {
      for (let i = 0; i < n; i++) shares[i] = i < capped ? cap : (weights[i] as number) * scale;
      return shares;
    }
    remainingWeight -= weights[capped] as number;
    capped++;
  }
  shares.fill(cap);
  return shares;
}
