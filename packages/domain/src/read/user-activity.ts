import { commentInclude, hydrateComments, hydratePosts, postInclude, type CommentView, type PostView } from "../hydrate.js";
import type { Reader } from "../things.js";
import { isContentShown } from "../visibility.js";
import type { Viewer } from "@hivemind/core";

/**
 * A user's recent posts and comments, newest first, from Postgres (the authorId indexes). The
 * profile shows what anyone may see: deleted things never, removed ones only to the community's
 * moderators.
 */
export type ActivityItem = { kind: "t3"; view: PostView } | { kind: "t1"; view: CommentView };

export async function listUserActivity(db: Reader, actor: Viewer | null, userId: bigint, limit = 25): Promise<ActivityItem[]> {
  const [postRows, commentRows] = await Promise.all([
    db.post.findMany({ where: { authorId: userId, deleted: false }, orderBy: { id: "desc" }, take: limit, include: postInclude }),
    db.comment.findMany({ where: { authorId: userId, deleted: false }, orderBy: { id: "desc" }, take: limit, include: commentInclude }),
  ]);
  const [posts, comments] = await Promise.all([hydratePosts(db, actor, postRows), hydrateComments(db, actor, commentRows)]);
  const items: ActivityItem[] = [
    ...posts.filter(isContentShown).map((view) => ({ kind: "t3" as const, view })),
    ...comments.filter(isContentShown).map((view) => ({ kind: "t1" as const, view })),
  ];
  // Ids are time-ordered: the larger id is the newer thing.
  items.sort((a, b) => (a.view.row.id < b.view.row.id ? 1 : a.view.row.id > b.view.row.id ? -1 : 0));
  return items.slice(0, limit);
}
