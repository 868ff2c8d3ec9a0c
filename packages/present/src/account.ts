import { z } from "zod";
import { toBase36 } from "@hivemind/core";
import type { User } from "@hivemind/db";

/** A t2's data, as reddit's AccountJsonTemplate (PRAW asserts `name`). */
export const accountDataSchema = z.object({
  id: z.string(),
  name: z.string(),
  created: z.number(),
  created_utc: z.number(),
  link_karma: z.number().int(),
  comment_karma: z.number().int(),
  total_karma: z.number().int(),
  has_verified_email: z.boolean(),
  is_gold: z.boolean(),
  is_mod: z.boolean(),
  is_friend: z.boolean(),
  is_employee: z.boolean(),
  is_suspended: z.boolean(),
  hide_from_robots: z.boolean(),
  verified: z.boolean(),
  icon_img: z.string(),
  subreddit: z.null(),
});

export const accountThingSchema = z.object({ kind: z.literal("t2"), data: accountDataSchema });

/** /api/v1/me: flat, unwrapped (PRAW builds a Redditor from it directly), plus the identity fields. */
export const meSchema = accountDataSchema.extend({
  over_18: z.boolean(),
  inbox_count: z.number().int(),
  has_mail: z.boolean(),
  has_mod_mail: z.boolean(),
  in_beta: z.boolean(),
  gold_creddits: z.number().int(),
  gold_expiration: z.null(),
  suspension_expiration_utc: z.null(),
  // No `fullname`: PRAW's Redditor derives it and has no setter, so the key crashes it.
});

export type AccountData = z.infer<typeof accountDataSchema>;

export function presentAccountData(user: User, opts: { isMod: boolean }): AccountData {
  const created = Math.floor(user.createdAt.getTime() / 1000);
  return {
    id: toBase36(user.id),
    name: user.name,
    created,
    created_utc: created,
    link_karma: user.linkKarma,
    comment_karma: user.commentKarma,
    total_karma: user.linkKarma + user.commentKarma,
    has_verified_email: false,
    is_gold: false,
    is_mod: opts.isMod,
    is_friend: false,
    is_employee: user.isAdmin,
    is_suspended: false,
    hide_from_robots: false,
    verified: false,
    icon_img: "",
    subreddit: null,
  };
}

export function presentAccount(user: User, opts: { isMod: boolean }): z.infer<typeof accountThingSchema> {
  return { kind: "t2", data: presentAccountData(user, opts) };
}

export function presentMe(user: User, opts: { isMod: boolean; unread: number }): z.infer<typeof meSchema> {
  return {
    ...presentAccountData(user, opts),
    over_18: false,
    inbox_count: opts.unread,
    has_mail: opts.unread > 0,
    has_mod_mail: false,
    in_beta: false,
    gold_creddits: 0,
    gold_expiration: null,
    suspension_expiration_utc: null,
  };
}
