/**
 * Community names and usernames, reddit's rules.
 * - community: `^[A-Za-z0-9][A-Za-z0-9_]{2,20}$` (3–21 characters, letters, digits and
 *   underscores, not starting with an underscore: reddit's `subreddit_rx`).
 * - username: `^[A-Za-z0-9_-]{3,20}$` (reddit's `chkuser`: `\A[\w-]{3,20}\Z`, ASCII \w).
 * Both are unique case-insensitively: compare and index by `nameKey(name)` (lowercase) and keep
 * the spelling the creator chose for display.
 */
import { z } from "zod";
import { coded } from "./coded.js";

export const COMMUNITY_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_]{2,20}$/;
export const USERNAME_RE = /^[A-Za-z0-9_-]{3,20}$/;

/**
 * Names that route to something else (r/all, r/popular, …) and so can never be a community.
 * Compared case-insensitively.
 */
export const RESERVED_COMMUNITY_NAMES: ReadonlySet<string> = new Set([
  "all",
  "popular",
  "friends",
  "mod",
  "random",
  "randnsfw",
  "myrandom",
  "users",
  "subreddits",
  "new",
  "hot",
  "top",
  "rising",
  "controversial",
  "best",
  "search",
  "api",
]);

/** The site's own listings that answer at a community's address: r/all (every community) and r/popular (the default set). */
export type SiteListing = "all" | "popular";

/** Which site listing `name` (any case) names under /r/, if any. */
export function siteListingOf(name: string): SiteListing | undefined {
  const lower = name.toLowerCase();
  return lower === "all" || lower === "popular" ? lower : undefined;
}

/** Case-insensitive identity of a community name or username. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** An existing community's name as given in a path or `sr` parameter (surrounding space trimmed). */
export const communityNameSchema = z
  .string()
  .trim()
  .refine((s) => COMMUNITY_NAME_RE.test(s), coded("BAD_SR_NAME", "that name isn't going to work"));

/** A name for a new community: communityNameSchema, and not a reserved name. */
export const newCommunityNameSchema = communityNameSchema.refine(
  (s) => !RESERVED_COMMUNITY_NAMES.has(nameKey(s)),
  coded("SUBREDDIT_EXISTS", "that name is reserved"),
);

export const usernameSchema = z
  .string()
  .trim()
  .refine(
    (s) => USERNAME_RE.test(s),
    coded("BAD_USERNAME", "username must be 3 to 20 characters: letters, numbers, '_' and '-'"),
  );

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** A new password: 8..256 characters, not trimmed. (Login takes any nonempty string.) */
export const passwordSchema = z
  .string()
  .refine((s) => s.length >= PASSWORD_MIN, coded("BAD_PASSWORD", `password must be at least ${PASSWORD_MIN} characters`))
  .refine((s) => s.length <= PASSWORD_MAX, coded("BAD_PASSWORD", `password must be at most ${PASSWORD_MAX} characters`));

/** The password typed at login: checked against the hash, so only presence and a sane size. */
export const loginPasswordSchema = z
  .string()
  .refine((s) => s.length >= 1, coded("WRONG_PASSWORD", "a password is required"))
  .refine((s) => s.length <= PASSWORD_MAX, coded("WRONG_PASSWORD", "wrong password"));
