import { NotFoundError, nameKey, type Viewer } from "@hivemind/core";
import type { Community, User } from "@hivemind/db";
import type { Reader } from "./things.js";
import { requireModerator } from "./permissions.js";

/** A community by its name (case-insensitive); 404 SUBREDDIT_NOEXIST naming `field` otherwise. */
export async function communityByName(db: Reader, name: string, field = "sr"): Promise<Community> {
  const community = await db.community.findUnique({ where: { nameLower: nameKey(name) } });
  if (!community) throw new NotFoundError("that subreddit doesn't exist", { code: "SUBREDDIT_NOEXIST", field });
  return community;
}

/** An account by its name (case-insensitive); 404 USER_DOESNT_EXIST naming `field` otherwise. */
export async function userByName(db: Reader, name: string, field = "name"): Promise<User> {
  const user = await db.user.findUnique({ where: { nameLower: nameKey(name) } });
  if (!user) throw new NotFoundError("that user doesn't exist", { code: "USER_DOESNT_EXIST", field });
  return user;
}

/** A community the actor moderates (admins: any): 404 when it does not exist, 403 when not theirs. */
export async function moderatedCommunityByName(db: Reader, actor: Viewer, name: string, field = "sr"): Promise<Community> {
  const community = await communityByName(db, name, field);
  await requireModerator(db, actor, community.id);
  return community;
}
