import type { CommentSort, CommentTreeNode, ListingEntry, ListingKey } from "@hivemind/core";

/**
 * One item of a precomputed listing: `sort` is its value under the listing's sort (higher first),
 * `ts` its creation time (Unix ms). Items are ordered by sort descending, then id descending.
 */
export type ListingItem = ListingEntry;

/** Where a read was served from: the Redis ring, Cassandra, or a rebuild from Postgres. */
export type ListingSource = "redis" | "cassandra" | "postgres";

export interface ListingRead {
  /** Best first, at most 1000. */
  items: ListingItem[];
  source: ListingSource;
}

/** A listing key as an object or in its string form (`sr:2bx:hot`). */
export type ListingKeyInput = ListingKey | string;

export interface ListingStore {
  /**
   * The whole listing (≤ 1000 items, best first): Redis; on a miss Cassandra (repopulating
   * Redis); on a miss there a rebuild from Postgres (written to both). Redis nodes or Cassandra
   * being down makes their layer a miss; only Postgres failing throws.
   */
  read(key: ListingKeyInput): Promise<ListingRead>;
  /** The listing computed from Postgres (the source of truth), written nowhere. */
  computeFromPostgres(key: ListingKeyInput): Promise<ListingItem[]>;
  /** Recompute from Postgres and write to Cassandra and Redis; returns what was written. */
  rebuild(key: ListingKeyInput): Promise<ListingItem[]>;
  /** The Redis copy alone (undefined = miss), best first. For tests and ops. */
  readRedis(key: ListingKeyInput): Promise<ListingItem[] | undefined>;
  /** The Cassandra copy alone (undefined = no row), best first. Throws when Cassandra is down. */
  readCassandra(key: ListingKeyInput): Promise<ListingItem[] | undefined>;
}

export interface CommentOrderRead {
  /** Every comment of the post, best first under the sort. */
  items: ListingItem[];
  source: ListingSource;
}

export interface CommentTreeRead {
  /** Every comment of the post with its parent and depth, oldest first. */
  nodes: CommentTreeNode[];
  source: ListingSource;
}

export interface CommentStore {
  /** A post's comment order under `sort` (same fallback chain as listings). */
  read(postFullname: string, sort: CommentSort): Promise<CommentOrderRead>;
  /** A post's comment tree (same fallback chain). */
  readTree(postFullname: string): Promise<CommentTreeRead>;
  /** Recompute the post's orders and tree from Postgres and write both stores. */
  rebuild(postFullname: string): Promise<void>;
  /** Everything computed from Postgres, written nowhere. */
  computeFromPostgres(postFullname: string): Promise<{ orders: Record<CommentSort, ListingItem[]>; tree: CommentTreeNode[] }>;
  readRedis(postFullname: string, sort: CommentSort): Promise<ListingItem[] | undefined>;
  readCassandra(postFullname: string, sort: CommentSort): Promise<ListingItem[] | undefined>;
  readTreeRedis(postFullname: string): Promise<CommentTreeNode[] | undefined>;
  readTreeCassandra(postFullname: string): Promise<CommentTreeNode[] | undefined>;
}
