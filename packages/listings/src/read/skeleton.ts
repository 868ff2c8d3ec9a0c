import type { ListingKey } from "@hivemind/core";

/**
 * The skeleton stage's input: a precomputed listing, best first. This is the listing store's
 * read shape (`listingStore.read(key)`): items sorted by their sort value descending (ties: newer
 * id first), at most 1000, and where they came from.
 */
export interface ListingItem {
  /** t3_… (posts) or t1_… (a user's comments listing). */
  fullname: string;
  /** The item's value under the listing's sort (hot score, created ms, score, …). */
  sort: number;
  /** When the value was computed (Unix ms), if the store tracks it. */
  ts?: number;
}

/** Where the skeleton came from: the Redis ring, Cassandra, or a rebuild from Postgres. */
export type ListingSource = "redis" | "cassandra" | "postgres";

export interface ListingSnapshot {
  items: readonly ListingItem[];
  source: ListingSource;
}

/** Reads one precomputed listing whole (the store's Redis → Cassandra → Postgres fallback). */
export interface ListingReader {
  read(key: ListingKey): Promise<ListingSnapshot>;
}
