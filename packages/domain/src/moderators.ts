import { inTransaction, type Db, type Moderator, type Deps } from "@hivemind/db";
import { ConflictError, ForbiddenError, formatFullname, type Viewer } from "@hivemind/core";
import { moderatedCommunityByName, userByName } from "./mod-lookup.js";
import { recordModAction } from "./modlog.js";

interface ModeratorInput {
  communityName: string;
  /** The account to add or remove. */
  name: string;
}

/**
 * Makes a user a moderator; adding an existing moderator changes nothing. Returns true when
 * added. A ban of the user in this community is lifted first (logged as unbanuser): a moderator
 * is never banned where they moderate.
 */
export async function addModerator(deps: Deps, actor: Viewer, input: ModeratorInput): Promise<boolean> {
  return inTransaction(deps, async (tx) => {
    const community = await moderatedCommunityByName(tx, actor, input.communityName);
    const user = await userByName(tx, input.name);
    const key = { communityId_userId: { communityId: community.id, userId: user.id } };
    if (await tx.moderator.findUnique({ where: key })) return false;
    const { count: lifted } = await tx.ban.deleteMany({ where: { communityId: community.id, userId: user.id } });
    if (lifted > 0) {
      await recordModAction(tx, deps, { communityId: community.id, moderatorId: actor.userId, action: "unbanuser", targetFullname: formatFullname("t2", user.id), targetAuthorId: user.id });
    }
    await tx.moderator.create({ data: { communityId: community.id, userId: user.id, addedBy: actor.userId, createdAt: new Date(deps.now()) } });
    await recordModAction(tx, deps, {
      communityId: community.id,
      moderatorId: actor.userId,
      action: "addmoderator",
      targetFullname: formatFullname("t2", user.id),
      targetAuthorId: user.id,
    });
    return true;
  });
}

/**
 * Removes a moderator. As on reddit, moderators rank by seniority: a moderator
 * may remove themselves or anyone added after them. A community keeps at least
 * one moderator: only a site admin may remove the last one. Removing someone
 * who is not a moderator changes nothing. Returns true when removed.
 */
export async function removeModerator(deps: Deps, actor: Viewer, input: ModeratorInput): Promise<boolean> {
  return inTransaction(deps, async (tx) => {
    const community = await moderatedCommunityByName(tx, actor, input.communityName);
    const user = await userByName(tx, input.name);
    // Serializes concurrent removals, so the last-moderator rule holds.
    await tx.$queryRaw`SELECT id FROM communities WHERE id = ${community.id} FOR UPDATE`;
    const target = await tx.moderator.findUnique({ where: { communityId_userId: { communityId: community.id, userId: user.id } } });
    if (!target) return false;
    if (!actor.isAdmin && user.id !== actor.userId) {
      const own = await tx.moderator.findUnique({ where: { communityId_userId: { communityId: community.id, userId: actor.userId } } });
      if (!own || !outranks(own, target)) {
        throw new ForbiddenError("you can only remove moderators added after you", { code: "MOD_REQUIRED", field: "name" });
      }
    }
    if (!actor.isAdmin && (await tx.moderator.count({ where: { communityId: community.id } })) <= 1) {
      throw new ConflictError("a community must keep at least one moderator", { field: "name" });
    }
    await tx.moderator.delete({ where: { communityId_userId: { communityId: community.id, userId: user.id } } });
    await recordModAction(tx, deps, {
      communityId: community.id,
      moderatorId: actor.userId,
      action: "removemoderator",
      targetFullname: formatFullname("t2", user.id),
      targetAuthorId: user.id,
    });
    return true;
  });
}

function outranks(a: Moderator, b: Moderator): boolean {
  return a.createdAt.getTime() < b.createdAt.getTime();
}

/** A community's moderators, most senior first. */
export async function listModerators(db: Db, communityId: bigint): Promise<{ moderator: Moderator; name: string }[]> {
  const rows = await db.moderator.findMany({
    where: { communityId },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
    include: { user: { select: { name: true } } },
  });
  return rows.map(({ user, ...moderator }) => ({ moderator, name: user.name }));
}
