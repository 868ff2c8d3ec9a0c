import { NotFoundError, formatFullname, toBase36, type Fullname, type Viewer } from "@hivemind/core";
import type { Prisma } from "@hivemind/db";

/** A post or comment as moderation sees it, read under its row lock. */
export interface ModTarget {
  kind: "t1" | "t3";
  id: bigint;
  fullname: string;
  /** The post itself, or the comment's post. */
  postId: bigint;
  communityId: bigint;
  authorId: bigint;
  removed: boolean;
  approvedBy: bigint | null;
  /** Posts only (false for comments). */
  locked: boolean;
  /** Posts only: 1 | 2 | null. */
  stickyPosition: number | null;
  /** Posts only (false for comments): the content flags. */
  over18: boolean;
  spoiler: boolean;
}

interface TargetRow {
  post_id: bigint;
  community_id: bigint;
  author_id: bigint;
  removed: boolean;
  approved_by: bigint | null;
  locked: boolean;
  sticky_position: number | null;
  over_18: boolean;
  spoiler: boolean;
}

/**
 * Loads a post or comment with SELECT … FOR UPDATE, so concurrent moderation of
 * one thing serializes and every decision reads the state it changes.
 * 404 naming `field` when there is no such thing.
 */
export async function lockTarget(tx: Prisma.TransactionClient, target: Fullname<"t1" | "t3">, field = "id"): Promise<ModTarget> {
  const rows =
    target.kind === "t3"
      ? await tx.$queryRaw<TargetRow[]>`
          SELECT id AS post_id, community_id, author_id, removed, approved_by, locked, sticky_position, over_18, spoiler
          FROM posts WHERE id = ${target.id} FOR UPDATE`
      : await tx.$queryRaw<TargetRow[]>`
          SELECT post_id, community_id, author_id, removed, approved_by, false AS locked, NULL::smallint AS sticky_position, false AS over_18, false AS spoiler
          FROM comments WHERE id = ${target.id} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new NotFoundError(`${formatFullname(target.kind, target.id)} doesn't exist`, { field });
  return {
    kind: target.kind,
    id: target.id,
    fullname: formatFullname(target.kind, target.id),
    postId: BigInt(row.post_id),
    communityId: BigInt(row.community_id),
    authorId: BigInt(row.author_id),
    removed: row.removed,
    approvedBy: row.approved_by === null ? null : BigInt(row.approved_by),
    locked: row.locked,
    stickyPosition: row.sticky_position === null ? null : Number(row.sticky_position),
    over18: row.over_18,
    spoiler: row.spoiler,
  };
}

/** The fields every thing.* moderation event carries. */
export function modEventData(target: Pick<ModTarget, "fullname" | "postId" | "communityId" | "authorId">, actor: Viewer) {
  return {
    thing: target.fullname,
    post: formatFullname("t3", target.postId),
    community: toBase36(target.communityId),
    author: toBase36(target.authorId),
    by: toBase36(actor.userId),
  };
}
