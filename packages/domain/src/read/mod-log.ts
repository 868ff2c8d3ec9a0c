import { parseFullname, toBase36, permalinkOf } from "@hivemind/core";
import type { Db } from "@hivemind/db";
import { decodeModActionText, listModActions, type ModLogQuery } from "../modlog.js";

/** One mod log line as the public page shows it: who, what, when, why, and a link to the target. */
export interface ModLogLine {
  id36: string;
  at: Date;
  moderator: string;
  action: string;
  details: string | null;
  description: string | null;
  /** The target's author (the user, for bans and moderator changes). */
  targetAuthor: string | null;
  /** What the action was about: a post or comment's title and permalink, or a user. */
  target: { label: string; href: string } | null;
}

/** A page of a community's mod log (listModActions), with post and comment targets resolved in two queries. */
export async function loadModLog(db: Db, communityId: bigint, q: ModLogQuery): Promise<{ lines: ModLogLine[]; hasMore: boolean }> {
  const page = await listModActions(db, communityId, q);
  const postIds = new Set<bigint>();
  const commentIds = new Set<bigint>();
  const parsed = page.entries.map((e) => {
    try {
      const f = e.action.targetFullname ? parseFullname(e.action.targetFullname) : null;
      if (f?.kind === "t3") postIds.add(f.id);
      if (f?.kind === "t1") commentIds.add(f.id);
      return f;
    } catch {
      return null;
    }
  });
  const comments = commentIds.size
    ? await db.comment.findMany({ where: { id: { in: [...commentIds] } }, select: { id: true, postId: true } })
    : [];
  for (const c of comments) postIds.add(c.postId);
  const posts = postIds.size
    ? await db.post.findMany({ where: { id: { in: [...postIds] } }, select: { id: true, title: true, community: { select: { name: true } } } })
    : [];
  const postById = new Map(posts.map((p) => [p.id, p]));
  const commentPost = new Map(comments.map((c) => [c.id, c.postId]));

  const lines = page.entries.map((e, i): ModLogLine => {
    const f = parsed[i];
    const text = decodeModActionText(e.action.details);
    let target: ModLogLine["target"] = null;
    if (f?.kind === "t3") {
      const p = postById.get(f.id);
      if (p) target = { label: p.title, href: permalinkOf(p.community.name, toBase36(p.id), p.title) };
    } else if (f?.kind === "t1") {
      const postId = commentPost.get(f.id);
      const p = postId === undefined ? undefined : postById.get(postId);
      if (p) target = { label: `comment on "${p.title}"`, href: permalinkOf(p.community.name, toBase36(p.id), p.title, toBase36(f.id)) };
    } else if (f?.kind === "t2" && e.targetAuthorName) {
      target = { label: `u/${e.targetAuthorName}`, href: `/user/${e.targetAuthorName}` };
    }
    return {
      id36: toBase36(e.action.id),
      at: e.action.createdAt,
      moderator: e.moderatorName,
      action: e.action.action,
      details: text.details,
      description: text.description,
      targetAuthor: e.targetAuthorName,
      target,
    };
  });
  return { lines, hasMore: page.hasMore };
}
