/** Votes, reports and bans. */
import { z } from "zod";
import { coded } from "./coded.js";

export type VoteDir = -1 | 0 | 1;

/**
 * A vote direction: the strings "1", "0", "-1" (as form posts send them) or the numbers 1, 0, −1.
 * Output -1 | 0 | 1. Anything else: INVALID_OPTION.
 */
export const voteDirSchema = z.union([z.number(), z.string()]).transform((v, ctx): VoteDir => {
  const s = typeof v === "number" ? String(v) : v.trim();
  if (s === "1") return 1;
  if (s === "0") return 0;
  if (s === "-1") return -1;
  ctx.addIssue({ code: "custom", ...coded("INVALID_OPTION", "dir must be 1, 0 or -1"), input: v });
  return z.NEVER;
});

export const REPORT_REASON_MAX = 100;
export const BAN_TEXT_MAX = 300;

/** A report reason: trimmed, 1..100 characters. */
export const reportReasonSchema = z
  .string()
  .trim()
  .min(1, "a reason is required")
  .max(REPORT_REASON_MAX, `reason is too long (max: ${REPORT_REASON_MAX})`);

/** A ban reason or moderator note: trimmed, at most 300 characters, may be empty. */
export const banReasonSchema = z.string().trim().max(BAN_TEXT_MAX, `too long (max: ${BAN_TEXT_MAX})`);
export const banNoteSchema = banReasonSchema;

/** Ban length in days: 1..999, or absent for a permanent ban (reddit's limits). */
export const banDurationSchema = z.coerce
  .number()
  .int("duration must be a whole number of days")
  .min(1, "duration must be at least 1 day")
  .max(999, "duration must be at most 999 days");
