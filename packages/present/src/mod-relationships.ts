import { z } from "zod";
import { formatFullname } from "@hivemind/core";
import type { BanEntry } from "@hivemind/domain";
import type { Moderator } from "@hivemind/db";
import { epochSeconds } from "./common.js";

const DAY_MS = 86_400_000;

/** One row of `about/banned`: PRAW turns `{date, id, name}` into a Redditor. */
export function presentBan(entry: BanEntry, now: number) {
  const { ban } = entry;
  return {
    date: epochSeconds(ban.createdAt),
    note: ban.note,
    ban_reason: ban.reason,
    name: entry.name,
    id: formatFullname("t2", ban.userId),
    rel_id: `rb_${ban.userId.toString(36)}`,
    days_left: ban.expiresAt === null ? null : Math.max(0, Math.ceil((ban.expiresAt.getTime() - now) / DAY_MS)),
  };
}

export const banEntrySchema = z.looseObject({
  date: z.number(),
  note: z.string(),
  name: z.string(),
  id: z.string().regex(/^t2_/),
  days_left: z.number().int().nullable(),
});

/** One moderator in reddit's UserList (`about/moderators`). */
export function presentModerator(entry: { moderator: Moderator; name: string }) {
  return {
    name: entry.name,
    id: formatFullname("t2", entry.moderator.userId),
    date: epochSeconds(entry.moderator.createdAt),
    mod_permissions: ["all"],
  };
}

export function userList<T>(children: T[]) {
  return { kind: "UserList" as const, data: { children } };
}

export const moderatorListSchema = z.object({
  kind: z.literal("UserList"),
  data: z.object({
    children: z.array(
      z.looseObject({ name: z.string(), id: z.string().regex(/^t2_/), date: z.number(), mod_permissions: z.array(z.string()) }),
    ),
  }),
});
