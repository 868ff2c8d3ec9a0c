import { isContentShown, type CommentView, type TreeChild } from "@hivemind/domain";
import { presentComment } from "@hivemind/present";
import { permalinkOf, toBase36 } from "@hivemind/core";
import { plural } from "../_lib/format";
import { timeAgoHtml } from "../_lib/time-ago";
import { authorHtml, buttonHtml, deleteButtonHtml, esc, linkButtonHtml, modButtonsHtml, saveButtonHtml, thingButtonsHtml, voteArrowsHtml, type ModInfo } from "./thing-html";

/**
 * Comments as HTML (a post's tree, a user's comments, the moderation queue), as post rows are
 * (post-row-html.ts): a thread of 200 comments is string joins, not a thousand React elements and
 * two client components per comment. ThingsHtml handles the clicks, the collapse toggle included.
 */

export interface TreeContext {
  community: string;
  postId: bigint;
  postTitle: string;
  viewerId: bigint | null;
  now: number;
  /** New replies are refused here (locked for non-moderators, post removed or deleted). */
  repliesClosed: boolean;
  /** Votes are refused here (locked, post removed or deleted). */
  votesClosed: string | null;
  /** Where "load more comments" at the top level goes (the page with a larger limit). */
  moreTopHref: string;
}

function commentModInfo(view: CommentView): ModInfo | null {
  if (!view.mod) return null;
  return { removed: view.row.removed, removedBy: view.mod.removedBy, approvedBy: view.mod.approvedBy, reports: view.mod.reports };
}

function permalink(ctx: TreeContext, commentId: bigint): string {
  return permalinkOf(ctx.community, toBase36(ctx.postId), ctx.postTitle, toBase36(commentId));
}

const removedTag = (view: CommentView): string => (view.mod && view.row.removed ? `<span class="tag removed">removed</span>` : "");

/** A comment tree as nested comments; `more` nodes become links to the sub-thread or a longer page. */
export function commentTreeHtml(nodes: readonly TreeChild<CommentView>[], ctx: TreeContext): string {
  let out = `<div class="comment-list">`;
  for (const node of nodes) {
    if (node.type === "more") {
      if (node.continueThread && node.parentId !== null) {
        out += `<p class="more"><a href="${esc(permalink(ctx, node.parentId))}">continue this thread →</a></p>`;
      } else {
        const href = node.parentId === null ? ctx.moreTopHref : permalink(ctx, node.parentId);
        out += `<p class="more"><a href="${esc(href)}">load more comments (${node.count})</a></p>`;
      }
      continue;
    }
    out += commentNodeHtml(node.item, node.children, ctx);
  }
  return `${out}</div>`;
}

function commentNodeHtml(view: CommentView, replies: readonly TreeChild<CommentView>[], ctx: TreeContext): string {
  const d = presentComment(view, { origin: "" }).data;
  const c = view.row;
  const gone = !isContentShown(view);
  const loggedIn = ctx.viewerId !== null;
  const mine = loggedIn && ctx.viewerId === c.authorId;
  const voteBlock = ctx.votesClosed ?? (c.removed ? "this comment was removed" : c.deleted ? "this comment was deleted" : null);
  const tagline =
    `<p class="tagline"><button type="button" class="expand" aria-expanded="true" aria-label="collapse thread">[–]</button> ` +
    authorHtml(d.author, d.is_submitter ? " submitter" : "") +
    ` <span class="score-text">${plural(d.score, "point")}</span> ${timeAgoHtml(c.createdAt, ctx.now)}` +
    (d.edited !== false ? `<span class="edited"> · edited</span>` : "") +
    removedTag(view) +
    (replies.length > 0 ? `<span class="child-count"> (${plural(replies.length, "child", "children")})</span>` : "") +
    `</p>`;

  const mod = commentModInfo(view);
  const editText = mine && !c.deleted && !c.removed ? c.body : null;
  let buttons = linkButtonHtml(d.permalink, "permalink");
  if (loggedIn) {
    if (!ctx.repliesClosed && !c.deleted && !c.removed) buttons += buttonHtml("reply", { panel: "reply" });
    if (editText !== null) buttons += buttonHtml("edit", { panel: "edit" });
    if (mine && !c.deleted) buttons += deleteButtonHtml();
    if (!gone) buttons += saveButtonHtml(view.viewer.saved);
    if (!mine && !gone) buttons += buttonHtml("report", { panel: "report" });
    if (mod) buttons += modButtonsHtml(mod);
  }

  return (
    `<div class="comment depth-${Math.min(c.depth, 9)}" id="${esc(d.name)}" data-fullname="${esc(d.name)}">${tagline}` +
    `<div class="comment-body">${voteArrowsHtml(d.name, d.score, view.viewer.vote, voteBlock, true)}<div class="comment-main">` +
    `<div class="usertext${gone ? " gone" : ""}">${d.body_html ?? ""}</div>` +
    thingButtonsHtml(buttons, { editText, mod }) +
    `</div></div>` +
    (replies.length > 0 ? `<div class="children">${commentTreeHtml(replies, ctx)}</div>` : "") +
    `</div>`
  );
}

/** A comment out of its thread (a user's comments): the post it is on, then the comment. */
export function commentSummaryHtml(view: CommentView, loggedIn: boolean, now: number): string {
  const d = presentComment(view, { origin: "" }, { withLink: true }).data;
  const c = view.row;
  const locked = c.post.locked ? "this thread is locked" : c.removed || c.deleted ? "this comment was removed" : null;
  const buttons = linkButtonHtml(d.permalink, "permalink") + (loggedIn ? saveButtonHtml(view.viewer.saved) : "");
  return (
    `<article class="thing comment-summary" data-fullname="${esc(d.name)}">` +
    `<p class="link-line"><a href="${esc(d.permalink.replace(/[^/]+\/$/, ""))}">${esc(c.post.title)}</a> <span class="muted">by ${esc(c.post.author.name)} in</span> ` +
    `<a href="/r/${esc(c.community.name)}">r/${esc(c.community.name)}</a></p>` +
    `<div class="comment-body">${voteArrowsHtml(d.name, d.score, view.viewer.vote, locked, true)}<div class="comment-main">` +
    `<p class="tagline">${authorHtml(c.author.name)} ${plural(d.score, "point")} ${timeAgoHtml(c.createdAt, now)}${removedTag(view)}</p>` +
    `<div class="usertext">${d.body_html ?? ""}</div>` +
    thingButtonsHtml(buttons) +
    `</div></div></article>`
  );
}

/** A comment in the moderation queue: where it is, its text, and the moderator's buttons. */
export function queueCommentHtml(view: CommentView, now: number): string {
  const d = presentComment(view, { origin: "" }, { withLink: true }).data;
  const c = view.row;
  const mod = commentModInfo(view);
  return (
    `<div class="thing comment-summary" data-fullname="${esc(d.name)}">` +
    `<p class="tagline">comment by ${authorHtml(c.author.name)} on <a href="${esc(d.permalink)}">${esc(c.post.title)}</a> ${timeAgoHtml(c.createdAt, now)}</p>` +
    `<div class="usertext">${d.body_html ?? ""}</div>` +
    thingButtonsHtml(linkButtonHtml(d.permalink, "context") + (mod ? modButtonsHtml(mod) : ""), { mod }) +
    `</div>`
  );
}
