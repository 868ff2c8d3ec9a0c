import { type Deps, inTransaction, enqueueEvents, newEvent, type Comment } from "@hivemind/db";
import {
  RefusedError,
  NotFoundError,
  ValidationError,
  commentBodySchema,
  formatFullname,
  fromZodError,
  toBase36,
  type CommentSort,
} from "@hivemind/core";
import type { Viewer } from "@hivemind/core";
import { notifyReply } from "./messages.js";
import { isModerator, requireNotBanned } from "./permissions.js";
import { buildCommentTree, flattenTree, focusedRows, type TreeChild } from "./comment-tree.js";
import { commentInclude, hydrateComments, type CommentView } from "./hydrate.js";
import { findComment, requireLive, requireThing, type Reader } from "./things.js";
import { AUTHOR_UPVOTE_COUNTED, recordAuthorUpvote } from "./votes.js";

export interface CommentInput {
  /** t3_ (top-level comment) or t1_ (reply). */
  thingId: string;
  text: string;
}

/**
 * Replies to a post or a comment, at any depth (depth = parent's + 1). One transaction: the
 * comment, the author's upvote, thing.created and vote.cast, and the parent's author's inbox item. Refused: unknown parent (404),
 * removed or deleted parent or post (400), locked thread (400 THREAD_LOCKED; moderators may still
 * comment), banned author (400 BANNED).
 */
export async function createComment(deps: Deps, actor: Viewer, input: CommentInput): Promise<Comment> {
  const parsed = commentBodySchema.safeParse(input.text);
  if (!parsed.success) throw fromZodError(parsed.error, "text");
  const body = parsed.data;

  return inTransaction(deps, async (tx) => {
    const now = deps.now();
    const parent = await requireThing(tx, input.thingId, "thing_id");
    requireLive(parent, "thing_id");
    const { post } = parent;
    await requireNotBanned(tx, actor, post.communityId, now);
    if (post.locked && !(await isModerator(tx, actor, post.communityId))) {
      throw new RefusedError("this thread is locked", { code: "THREAD_LOCKED", field: "thing_id" });
    }
    const parentComment = parent.kind === "t1" ? parent.comment : null;
    const id = deps.ids.next();
    const comment = await tx.comment.create({
      data: {
        id,
        postId: post.id,
        parentId: parentComment?.id ?? null,
        communityId: post.communityId,
        authorId: actor.userId,
        body,
        depth: parentComment ? parentComment.depth + 1 : 0,
        createdAt: new Date(now),
        ...AUTHOR_UPVOTE_COUNTED,
      },
    });
    await enqueueEvents(tx, [
      newEvent(
        "thing.created",
        {
          thing: formatFullname("t1", id),
          post: formatFullname("t3", post.id),
          parent: parentComment ? formatFullname("t1", parentComment.id) : formatFullname("t3", post.id),
          community: toBase36(post.communityId),
          author: toBase36(actor.userId),
          created: now,
          domain: null,
        },
        now,
      ),
    ]);
    await recordAuthorUpvote(tx, { kind: "t1", comment, post }, now);
    await notifyReply(tx, comment, parentComment?.authorId ?? post.authorId);
    return comment;
  });
}

export interface TreeQuery {
  sort: CommentSort;
  limit: number;
  depth: number;
  /** Show this comment and its replies (a comment permalink, "continue this thread"). */
  focus?: bigint | undefined;
  /** With focus: how many of its ancestors to show above it. */
  context?: number | undefined;
}

/**
 * A post's comment tree for the viewer, from Postgres (until the comments consumer precomputes
 * trees). Removed comments stay in the tree (shown "[removed]" to non-moderators) so replies keep
 * their place.
 */
export async function loadCommentTree(db: Reader, actor: Viewer | null, postId: bigint, q: TreeQuery): Promise<TreeChild<CommentView>[]> {
  const rows = await db.comment.findMany({ where: { postId }, include: commentInclude });
  const views = await hydrateComments(db, actor, rows);
  const items = views.map((v) => ({ ...v.row, view: v }));
  if (q.focus !== undefined) {
    const part = focusedRows(items, q.focus, q.context ?? 0);
    if (!part) throw new NotFoundError("that comment doesn't exist in this post", { field: "comment" });
    return mapTree(buildCommentTree(part.rows, { sort: q.sort, limit: q.limit, maxDepth: q.depth + part.ancestors, rootIds: [part.rootId] }));
  }
  return mapTree(buildCommentTree(items, { sort: q.sort, limit: q.limit, maxDepth: q.depth }));
}

function mapTree<T extends { view: CommentView }>(tree: TreeChild<T>[]): TreeChild<CommentView>[] {
  return tree.map((n) => (n.type === "more" ? n : { type: "comment", item: n.item.view, children: mapTree(n.children) }));
}

export interface MoreChildrenInput {
  linkId: bigint;
  children: bigint[];
  sort: CommentSort;
  limit: number;
  depth: number;
}

/**
 * reddit's morechildren: the asked-for comments of one post and their replies (up to `limit` in
 * all, `depth` levels), flat, parents before replies; what does not fit comes back as `more`.
 */
export async function loadMoreChildren(db: Reader, actor: Viewer | null, input: MoreChildrenInput): Promise<TreeChild<CommentView>[]> {
  const post = await db.post.findUnique({ where: { id: input.linkId }, select: { id: true } });
  if (!post) throw new NotFoundError("that post doesn't exist", { field: "link_id" });
  const asked = new Set(input.children);
  const rows = await db.comment.findMany({ where: { postId: input.linkId }, include: commentInclude });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unknown = input.children.find((id) => !byId.has(id));
  if (unknown !== undefined) throw new ValidationError(`comment ${toBase36(unknown)} is not in that post`, { code: "INVALID_ID", field: "children" });
  // Asked-for comments whose ancestor is also asked for come under it, not as roots.
  const roots = input.children.filter((id) => {
    let cur = byId.get(id)?.parentId ?? null;
    while (cur !== null) {
      if (asked.has(cur)) return false;
      cur = byId.get(cur)?.parentId ?? null;
    }
    return true;
  });
  const views = await hydrateComments(db, actor, rows);
  const items = views.map((v) => ({ ...v.row, view: v }));
  const tree = buildCommentTree(items, { sort: input.sort, limit: input.limit, maxDepth: input.depth, rootIds: roots });
  return flattenTree(mapTree(tree));
}

/** A comment's row by id, or NotFoundError. */
export async function requireComment(db: Reader, id: bigint, field = "id"): Promise<Comment> {
  const c = await findComment(db, id);
  if (!c) throw new NotFoundError("that comment doesn't exist", { field });
  return c;
}
