import type { CommunityIdentity } from "./names.js";
import type { Random } from "./random.js";
import { ZipfSampler } from "./zipf.js";

/**
 * The seeded communities in memory. Index order is size order: community 0
 * gets the most posts and subscribers (Zipf), the curated names come first.
 */
export class CommunityDirectory {
  readonly ids: bigint[] = [];
  readonly createdAt: number[] = [];
  /** User indexes of each community's moderators; the creator first. */
  readonly moderators: number[][] = [];
  readonly subscribers: Int32Array;
  /** Whether a post of the community is stickied already (one per community). */
  readonly hasSticky: boolean[];
  private readonly popularity: ZipfSampler;

  constructor(readonly identities: readonly CommunityIdentity[]) {
    this.subscribers = new Int32Array(identities.length);
    this.hasSticky = identities.map(() => false);
    this.popularity = new ZipfSampler(identities.length, 1.1);
  }

  get size(): number {
    return this.identities.length;
  }

  identity(community: number): CommunityIdentity {
    return this.identities[community] as CommunityIdentity;
  }

  id(community: number): bigint {
    return this.ids[community] as bigint;
  }

  moderatorsOf(community: number): number[] {
    return this.moderators[community] ?? [];
  }

  /** A community index, bigger communities more often. */
  samplePopular(rng: Random): number {
    return this.popularity.sample(rng);
  }

  indexOf(name: string): number {
    return this.identities.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
  }
}
