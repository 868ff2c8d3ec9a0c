import { ForbiddenError, RefusedError, type Viewer } from "@hivemind/core";
import type { Reader } from "./things.js";

/**
 * Site admins moderate everywhere; others only where they are listed and not banned (a ban in
 * force outranks the moderator row, should both ever exist).
 */
export async function isModerator(db: Reader, actor: Viewer | null, communityId: bigint, now: number = Date.now()): Promise<boolean> {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  const key = { communityId_userId: { communityId, userId: actor.userId } };
  const [row, banned] = await Promise.all([db.moderator.findUnique({ where: key }), isBanned(db, actor.userId, communityId, now)]);
  return row !== null && !banned;
}

export async function requireModerator(db: Reader, actor: Viewer, communityId: bigint): Promise<void> {
  if (!(await isModerator(db, actor, communityId))) {
    throw new ForbiddenError("you must be a moderator of this community to do that", { code: "MOD_REQUIRED" });
  }
}

/** A ban with an expiry in the past no longer applies. */
export async function isBanned(db: Reader, userId: bigint, communityId: bigint, now: number): Promise<boolean> {
  const ban = await db.ban.findUnique({ where: { communityId_userId: { communityId, userId } } });
  return ban !== null && (ban.expiresAt === null || ban.expiresAt.getTime() > now);
}

/** Banned users cannot post, comment, vote, edit or report in the community. */
export async function requireNotBanned(db: Reader, actor: Viewer, communityId: bigint, now: number): Promise<void> {
  if (await isBanned(db, actor.userId, communityId, now)) throw bannedError();
}

/** What a banned user's write in the community is refused with. */
export function bannedError(): RefusedError {
  return new RefusedError("you are banned from this community", { code: "BANNED" });
}
