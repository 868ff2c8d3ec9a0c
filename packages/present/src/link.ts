import { permalinkOf, formatFullname, toBase36 } from "@hivemind/core";
import { z } from "zod";
import { contentState, type PostView } from "@hivemind/domain";
import { renderMarkdown } from "./markdown.js";
import {
  DELETED,
  REMOVED,
  editedValue,
  epochSeconds,
  likesOf,
  modFields,
  type PresentContext,
} from "./common.js";

/**
 * A post as reddit's t3 (LinkJsonTemplate), for the viewer in `view`.
 *
 * Deviations, on purpose: `ups` and `downs` are the real counts (reddit reports downs 0 and fuzzes
 * ups); `score` = ups − downs. Counts are what the tally has written so far. A deleted post keeps
 * its title, with author and selftext "[deleted]"; a removed one shows selftext "[removed]" (and
 * author "[deleted]") to everyone but the community's moderators.
 */
export function presentLink(view: PostView, ctx: PresentContext) {
  const { row: p, viewer, mod } = view;
  const id36 = toBase36(p.id);
  const permalink = permalinkOf(p.community.name, id36, p.title);
  const state = contentState(view);
  const gone = state !== "shown";
  const selftext = p.kind !== "self" ? "" : state === "deleted" ? DELETED : state === "removed" ? REMOVED : p.body;
  const isSelf = p.kind === "self";
  const n = p.ups + p.downs;
  return {
    kind: "t3" as const,
    data: {
      id: id36,
      name: formatFullname("t3", p.id),
      author: gone ? DELETED : p.author.name,
      author_fullname: gone ? undefined : formatFullname("t2", p.authorId),
      subreddit: p.community.name,
      subreddit_id: formatFullname("t5", p.communityId),
      subreddit_name_prefixed: `r/${p.community.name}`,
      subreddit_type: "public",
      title: p.title,
      url: isSelf ? ctx.origin + permalink : (p.url ?? ""),
      permalink,
      domain: p.domain,
      is_self: isSelf,
      selftext,
      selftext_html: isSelf && !gone ? renderMarkdown(p.body) : null,
      score: p.ups - p.downs,
      ups: p.ups,
      downs: p.downs,
      upvote_ratio: n === 0 ? 1 : Math.round((p.ups / n) * 100) / 100,
      likes: likesOf(viewer),
      num_comments: p.numComments,
      created: epochSeconds(p.createdAt),
      created_utc: epochSeconds(p.createdAt),
      edited: editedValue(p.editedAt),
      locked: p.locked,
      stickied: p.stickyPosition !== null,
      saved: viewer.saved,
      hidden: viewer.hidden,
      archived: false,
      visited: false,
      clicked: false,
      // `=== true`: a thing cache entry written before the flags existed lacks them.
      over_18: p.over18 === true,
      spoiler: p.spoiler === true,
      is_original_content: false,
      distinguished: null,
      gilded: 0,
      hide_score: false,
      quarantine: false,
      contest_mode: false,
      suggested_sort: null,
      thumbnail: isSelf ? "self" : "default",
      media: null,
      secure_media: null,
      media_embed: {},
      secure_media_embed: {},
      link_flair_text: null,
      link_flair_css_class: null,
      author_flair_text: null,
      author_flair_css_class: null,
      ...modFields(mod, p),
    },
  };
}

/** The t3 fields clients rely on; the rest pass through. */
export const linkDataSchema = z.looseObject({
  id: z.string(),
  name: z.string().regex(/^t3_/),
  author: z.string().min(1),
  subreddit: z.string().min(1),
  subreddit_id: z.string().regex(/^t5_/),
  title: z.string(),
  url: z.string(),
  permalink: z.string(),
  domain: z.string(),
  is_self: z.boolean(),
  selftext: z.string(),
  selftext_html: z.string().nullable(),
  score: z.number().int(),
  ups: z.number().int(),
  downs: z.number().int(),
  upvote_ratio: z.number(),
  likes: z.boolean().nullable(),
  num_comments: z.number().int(),
  created: z.number(),
  created_utc: z.number(),
  edited: z.union([z.literal(false), z.number()]),
  locked: z.boolean(),
  stickied: z.boolean(),
  saved: z.boolean(),
  hidden: z.boolean(),
  archived: z.boolean(),
  over_18: z.boolean(),
  spoiler: z.boolean(),
  distinguished: z.string().nullable(),
});

export const linkThingSchema = z.object({ kind: z.literal("t3"), data: linkDataSchema });
