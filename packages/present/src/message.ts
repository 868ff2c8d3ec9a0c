import { z } from "zod";
import { formatFullname, toBase36 } from "@hivemind/core";
import type { InboxEntry, MessageRow } from "@hivemind/domain";
import { presentComment, commentDataSchema } from "./comment.js";
import { epochSeconds, type PresentContext } from "./common.js";
import { renderMarkdown } from "./markdown.js";

/** A private message as reddit's JSON has it (t4; PRAW's Message: author and dest are names, replies "" when not nested). */
export function presentMessage(m: MessageRow, unread: boolean) {
  const first = m.firstMessageId;
  return {
    kind: "t4" as const,
    data: {
      id: toBase36(m.id),
      name: formatFullname("t4", m.id),
      author: m.author.name,
      dest: m.recipient.name,
      subject: m.subject,
      body: m.body,
      body_html: renderMarkdown(m.body),
      created: epochSeconds(m.createdAt),
      created_utc: epochSeconds(m.createdAt),
      new: unread,
      was_comment: false,
      first_message: first === null ? null : Number(first),
      first_message_name: first === null ? null : formatFullname("t4", first),
      parent_id: m.parentId === null ? null : formatFullname("t4", m.parentId),
      replies: "" as const,
      context: "",
      subreddit: null,
      distinguished: null,
    },
  };
}

/**
 * An inbox item: a message, or a reply to the reader's post or comment as reddit lists one there
 * (a t1 with was_comment, its subject "comment reply" or "post reply", and the context link).
 */
export function presentInboxEntry(entry: InboxEntry, ctx: PresentContext) {
  if (entry.kind === "t4") return presentMessage(entry.message, entry.unread);
  const t1 = presentComment(entry.comment, ctx, { withLink: true });
  const postReply = entry.comment.row.parentId === null;
  return {
    kind: "t1" as const,
    data: {
      ...t1.data,
      was_comment: true,
      new: entry.unread,
      subject: postReply ? "post reply" : "comment reply",
      type: postReply ? "post_reply" : "comment_reply",
      context: `${t1.data.permalink}?context=3`,
    },
  };
}

export const messageThingSchema = z.object({
  kind: z.literal("t4"),
  data: z.looseObject({
    id: z.string(),
    name: z.string().regex(/^t4_/),
    author: z.string(),
    dest: z.string(),
    subject: z.string(),
    body: z.string(),
    body_html: z.string(),
    created_utc: z.number(),
    new: z.boolean(),
    was_comment: z.literal(false),
    first_message_name: z.string().nullable(),
    parent_id: z.string().nullable(),
    replies: z.literal(""),
  }),
});

export const inboxThingSchema = z.union([messageThingSchema, z.object({ kind: z.literal("t1"), data: commentDataSchema.extend({ was_comment: z.literal(true), new: z.boolean(), subject: z.string(), context: z.string() }) })]);
