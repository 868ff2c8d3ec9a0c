import { permalinkOf, formatFullname, toBase36 } from "@hivemind/core";
import { z } from "zod";
import { contentState, type CommentView, type MoreNode, type TreeChild } from "@hivemind/domain";
import { renderMarkdown } from "./markdown.js";
import { DELETED, REMOVED, editedValue, epochSeconds, likesOf, modFields, type PresentContext } from "./common.js";
import { listing, type Listing } from "./listing.js";

export interface PresentCommentOptions {
  /** The nested replies Listing, or "" for none (reddit's and PRAW's "no replies"). */
  replies?: Listing<unknown> | "";
  /** Add reddit's profile-listing fields (link_title, link_author, link_url, link_permalink). */
  withLink?: boolean;
}

/**
 * A comment as reddit's t1 (CommentJsonTemplate). Deleted: body and author "[deleted]"; removed:
 * body "[removed]" and author "[deleted]" for everyone but the community's moderators. Replies
 * stay either way, so the thread keeps its shape. `depth` is the stored depth (0 = top level).
 */
export function presentComment(view: CommentView, ctx: PresentContext, opts: PresentCommentOptions = {}) {
  const { row: c, viewer, mod } = view;
  const id36 = toBase36(c.id);
  const postId36 = toBase36(c.postId);
  const state = contentState(view);
  const gone = state !== "shown";
  const body = state === "deleted" ? DELETED : state === "removed" ? REMOVED : c.body;
  const permalink = permalinkOf(c.community.name, postId36, c.post.title, id36);
  return {
    kind: "t1" as const,
    data: {
      id: id36,
      name: formatFullname("t1", c.id),
      author: gone ? DELETED : c.author.name,
      author_fullname: gone ? undefined : formatFullname("t2", c.authorId),
      body,
      body_html: gone ? `<div class="md"><p>${body}</p>\n</div>` : renderMarkdown(c.body),
      link_id: formatFullname("t3", c.postId),
      parent_id: c.parentId === null ? formatFullname("t3", c.postId) : formatFullname("t1", c.parentId),
      subreddit: c.community.name,
      subreddit_id: formatFullname("t5", c.communityId),
      subreddit_name_prefixed: `r/${c.community.name}`,
      subreddit_type: "public",
      permalink,
      depth: c.depth,
      replies: opts.replies ?? "",
      score: c.ups - c.downs,
      ups: c.ups,
      downs: c.downs,
      likes: likesOf(viewer),
      saved: viewer.saved,
      created: epochSeconds(c.createdAt),
      created_utc: epochSeconds(c.createdAt),
      edited: editedValue(c.editedAt),
      is_submitter: !gone && c.authorId === c.post.authorId,
      locked: false,
      stickied: false,
      archived: false,
      collapsed: gone,
      score_hidden: false,
      controversiality: c.ups > 0 && c.downs > 0 && Math.min(c.ups, c.downs) / Math.max(c.ups, c.downs) >= 0.5 ? 1 : 0,
      gilded: 0,
      distinguished: null,
      author_flair_text: null,
      author_flair_css_class: null,
      ...modFields(mod, c),
      ...(opts.withLink
        ? {
            link_title: c.post.title,
            link_author: c.post.author.name,
            link_url: c.post.kind === "self" ? ctx.origin + permalinkOf(c.community.name, postId36, c.post.title) : (c.post.url ?? ""),
            link_permalink: ctx.origin + permalinkOf(c.community.name, postId36, c.post.title),
            // `=== true`: a thing cache entry written before the flag existed lacks it.
            over_18: c.post.over18 === true,
          }
        : {}),
    },
  };
}

/** A `more` object (reddit's MoreCommentJsonTemplate); "continue this thread" is id "_". */
export function presentMore(node: MoreNode, postId: bigint) {
  const first = node.children[0];
  const id = node.continueThread || first === undefined ? "_" : toBase36(first);
  return {
    kind: "more" as const,
    data: {
      count: node.count,
      children: node.children.map(toBase36),
      id,
      name: `t1_${id}`,
      parent_id: node.parentId === null ? formatFullname("t3", postId) : formatFullname("t1", node.parentId),
      depth: node.depth,
    },
  };
}

/** A comment tree as the children of a Listing: t1s with nested `replies` Listings, and mores. */
export function presentTree(tree: readonly TreeChild<CommentView>[], postId: bigint, ctx: PresentContext): unknown[] {
  return tree.map((node) => {
    if (node.type === "more") return presentMore(node, postId);
    const replies = node.children.length === 0 ? "" : listing(presentTree(node.children, postId, ctx));
    return presentComment(node.item, ctx, { replies });
  });
}

/** A tree flattened for morechildren: every t1 has `replies: ""`. */
export function presentFlat(items: readonly TreeChild<CommentView>[], postId: bigint, ctx: PresentContext): unknown[] {
  return items.map((node) => (node.type === "more" ? presentMore(node, postId) : presentComment(node.item, ctx)));
}

export const commentDataSchema = z.looseObject({
  id: z.string(),
  name: z.string().regex(/^t1_/),
  author: z.string().min(1),
  body: z.string(),
  body_html: z.string().nullable(),
  link_id: z.string().regex(/^t3_/),
  parent_id: z.string().regex(/^t[13]_/),
  subreddit: z.string().min(1),
  subreddit_id: z.string().regex(/^t5_/),
  permalink: z.string(),
  depth: z.number().int(),
  replies: z.union([z.literal(""), z.looseObject({ kind: z.literal("Listing"), data: z.looseObject({ children: z.array(z.unknown()) }) })]),
  score: z.number().int(),
  ups: z.number().int(),
  downs: z.number().int(),
  likes: z.boolean().nullable(),
  saved: z.boolean(),
  created: z.number(),
  created_utc: z.number(),
  edited: z.union([z.literal(false), z.number()]),
});

export const commentThingSchema = z.object({ kind: z.literal("t1"), data: commentDataSchema });

export const moreThingSchema = z.object({
  kind: z.literal("more"),
  data: z.object({
    count: z.number().int(),
    children: z.array(z.string()),
    id: z.string(),
    name: z.string(),
    parent_id: z.string(),
    depth: z.number().int(),
  }),
});
