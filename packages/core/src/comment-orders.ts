/**
 * Comment orders and the comment tree of a post, pure. The comments consumer and the rebuild from
 * Postgres both compute a post's orders with `commentOrders`, so they agree value for value.
 *
 * Every comment of the post is in every order (removed and deleted ones too: a thread keeps its
 * shape and the read side shows them as placeholders, per the visibility rule). An order is flat:
 * one value per comment; a reader orders each parent's children by it.
 */
import { COMMENT_SORTS, commentSortValues, qa, type CommentSort } from "./ranking.js";
import { compareEntries, type ListingEntry } from "./listing-maintenance.js";

export interface CommentFacts {
  fullname: string;
  /** The parent comment's fullname, null for a top-level comment. */
  parent: string | null;
  depth: number;
  authorId: bigint;
  ups: number;
  downs: number;
  createdMs: number;
  /** Body length in characters (the qa sort's length bonus). */
  length: number;
}

/** One node of a post's comment tree. */
export interface CommentTreeNode {
  fullname: string;
  parent: string | null;
  depth: number;
  ts: number;
}

/**
 * The value of every comment of a post under each comment sort, in order. "qa" ranks a comment
 * by its confidence plus that of the post author's best direct reply (reddit's `_qa`).
 */
export function commentOrders(comments: readonly CommentFacts[], postAuthorId: bigint): Record<CommentSort, ListingEntry[]> {
  const opReplies = new Map<string, { ups: number; downs: number; length: number }[]>();
  for (const c of comments) {
    if (c.parent === null || c.authorId !== postAuthorId) continue;
    const list = opReplies.get(c.parent) ?? [];
    list.push({ ups: c.ups, downs: c.downs, length: c.length });
    opReplies.set(c.parent, list);
  }
  const out = Object.fromEntries(COMMENT_SORTS.map((s) => [s, [] as ListingEntry[]])) as Record<CommentSort, ListingEntry[]>;
  for (const c of comments) {
    const values = commentSortValues(c);
    const ts = c.createdMs;
    for (const sort of COMMENT_SORTS) {
      const value = sort === "qa" ? qa(c.ups, c.downs, c.length, opReplies.get(c.fullname) ?? []) : values[sort];
      out[sort].push({ fullname: c.fullname, sort: value, ts });
    }
  }
  for (const sort of COMMENT_SORTS) out[sort].sort(compareEntries);
  return out;
}

/** The tree of a post: every comment with its parent and depth, oldest first. */
export function commentTree(comments: readonly CommentFacts[]): CommentTreeNode[] {
  return comments
    .map((c) => ({ fullname: c.fullname, parent: c.parent, depth: c.depth, ts: c.createdMs }))
    .sort((a, b) => -compareEntries({ fullname: a.fullname, sort: 0, ts: 0 }, { fullname: b.fullname, sort: 0, ts: 0 }));
}
