/**
 * How much to build for each size. Counts are targets: communities, users and
 * posts are exact; comments and votes land within a few percent (they are
 * drawn per post around these totals).
 */
export const SEED_SIZES = ["small", "medium", "large"] as const;
export type SeedSize = (typeof SEED_SIZES)[number];

export interface SeedPlan {
  size: SeedSize;
  communities: number;
  users: number;
  posts: number;
  comments: number;
  /** Votes from other users (each post and comment also gets its author's own upvote on top). */
  votes: number;
  /** Share of `votes` cast on posts; the rest go to comments. */
  postVoteShare: number;
  /** Most comments one thread gets. */
  maxCommentsPerPost: number;
  /** Most votes one thing gets (at most half the users, so distinct voters are easy to draw). */
  maxVotesPerThing: number;
  /** Mean number of communities a user subscribes to. */
  meanSubscriptionsPerUser: number;
  /** Days of activity, ending now. */
  activityDays: number;
  /** Rows buffered (all tables together, in bytes of COPY text) before a batch is written. */
  batchBytes: number;
}

/** Ids of one kind carry a running counter in their 22 worker+sequence bits, so each kind holds at most this many. */
export const MAX_IDS_PER_KIND = 1 << 22;

const BASE = { postVoteShare: 0.55, activityDays: 90, batchBytes: 8 * 1024 * 1024 } as const;

const PLANS: Record<SeedSize, SeedPlan> = {
  small: {
    ...BASE,
    size: "small",
    communities: 8,
    users: 200,
    posts: 1_000,
    comments: 3_000,
    votes: 10_000,
    maxCommentsPerPost: 150,
    maxVotesPerThing: 100,
    meanSubscriptionsPerUser: 3,
    batchBytes: 1024 * 1024,
  },
  medium: {
    ...BASE,
    size: "medium",
    communities: 100,
    users: 10_000,
    posts: 100_000,
    comments: 300_000,
    votes: 1_000_000,
    maxCommentsPerPost: 2_000,
    maxVotesPerThing: 5_000,
    meanSubscriptionsPerUser: 8,
  },
  large: {
    ...BASE,
    size: "large",
    communities: 1_000,
    users: 100_000,
    posts: 1_000_000,
    comments: 3_000_000,
    votes: 10_000_000,
    maxCommentsPerPost: 5_000,
    maxVotesPerThing: 50_000,
    meanSubscriptionsPerUser: 10,
  },
};

export function planFor(size: SeedSize): SeedPlan {
  return PLANS[size];
}
