import type { Random } from "./random.js";
import { ZipfSampler } from "./zipf.js";

/**
 * The seeded users in memory: ids, names, sign-up times, and the karma their
 * things earn while threads are generated (written once at the end). Activity
 * follows Zipf: a shuffled ranking decides who posts, comments and votes most.
 */
export class Population {
  readonly ids: BigInt64Array;
  readonly names: string[] = [];
  readonly linkKarma: Int32Array;
  readonly commentKarma: Int32Array;
  private readonly activity: ZipfSampler;
  private readonly userByActivityRank: Int32Array;

  constructor(
    readonly size: number,
    rng: Random,
  ) {
    this.ids = new BigInt64Array(size);
    this.linkKarma = new Int32Array(size);
    this.commentKarma = new Int32Array(size);
    this.activity = new ZipfSampler(size, 1.0);
    this.userByActivityRank = rng.permutation(size);
  }

  id(user: number): bigint {
    return this.ids[user] as bigint;
  }

  /** A user index, the more active users more often. */
  sampleActive(rng: Random): number {
    return this.userByActivityRank[this.activity.sample(rng)] as number;
  }

  /** The most votes one thing can get: every voter distinct and not its author. */
  maxDistinctVoters(cap: number): number {
    return Math.max(0, Math.min(cap, Math.floor((this.size - 1) / 2)));
  }

  /**
   * `count` distinct users other than `excluded`: half drawn by activity, half
   * uniformly, so drawing many distinct ones stays fast even far down the tail.
   * `count` must be at most maxDistinctVoters().
   */
  distinctOthers(rng: Random, count: number, excluded: number): number[] {
    const chosen = new Set<number>([excluded]);
    while (chosen.size <= count) chosen.add(rng.chance(0.5) ? this.sampleActive(rng) : rng.int(0, this.size));
    chosen.delete(excluded);
    return [...chosen];
  }
}
