import { enqueueEvents, inTransaction, newEvent, type Ban, type Db, type Deps } from "@hivemind/db";
import { ValidationError, formatFullname, toBase36, type Fullname, type Viewer } from "@hivemind/core";
import { moderatedCommunityByName, userByName } from "./mod-lookup.js";
import { sendNotice } from "./messages.js";
import { recordModAction } from "./modlog.js";

const DAY_MS = 86_400_000;

export interface BanInput {
  communityName: string;
  /** The account to ban. */
  name: string;
  /** Shown to the user and in the public mod log. */
  reason?: string | undefined;
  /** Moderators only: never shown in the public mod log. */
  note?: string | undefined;
  /** Days; absent = permanent. */
  durationDays?: number | undefined;
  /** The moderator's words to the user, in the ban notice sent to their inbox. */
  message?: string | undefined;
}

/**
 * Bans a user from a community, or replaces an existing ban's reason, note and
 * expiry. Moderators of the community cannot be banned (remove them first).
 * The public mod log records the duration and the reason; the note stays with
 * the moderators (reddit's mod note).
 */
export async function banUser(deps: Deps, actor: Viewer, input: BanInput): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const community = await moderatedCommunityByName(tx, actor, input.communityName);
    const user = await userByName(tx, input.name);
    const isMod = await tx.moderator.findUnique({ where: { communityId_userId: { communityId: community.id, userId: user.id } } });
    if (isMod) throw new ValidationError("you can't ban a moderator of this community", { field: "name" });

    const now = deps.now();
    const fields = {
      bannedBy: actor.userId,
      reason: input.reason ?? "",
      note: input.note ?? "",
      expiresAt: input.durationDays === undefined ? null : new Date(now + input.durationDays * DAY_MS),
      createdAt: new Date(now),
    };
    await tx.ban.upsert({
      where: { communityId_userId: { communityId: community.id, userId: user.id } },
      create: { communityId: community.id, userId: user.id, ...fields },
      update: fields,
    });
    await recordModAction(tx, deps, {
      communityId: community.id,
      moderatorId: actor.userId,
      action: "banuser",
      targetFullname: formatFullname("t2", user.id),
      targetAuthorId: user.id,
      details: input.durationDays === undefined ? "permanent" : `${input.durationDays} ${input.durationDays === 1 ? "day" : "days"}`,
      description: input.reason ?? null,
    });
    const term = input.durationDays === undefined ? "permanently" : `for ${input.durationDays} ${input.durationDays === 1 ? "day" : "days"}`;
    const words = [`You have been banned from r/${community.name} ${term}.`, input.reason ? `Reason: ${input.reason}` : "", input.message ?? ""].filter((w) => w.trim() !== "");
    await sendNotice(tx, deps, { authorId: actor.userId, recipientId: user.id, subject: `you've been banned from r/${community.name}`, body: words.join("\n\n") });
    // The banned author's things leave the listings (the listings consumer hears of it).
    const ban = { user: toBase36(user.id), community: toBase36(community.id), by: toBase36(actor.userId) };
    await enqueueEvents(tx, [newEvent("user.banned", ban, now)]);
  });
}

/** Lifts a ban; lifting a ban that does not exist changes nothing. Returns true when one was lifted. */
export async function unbanUser(deps: Deps, actor: Viewer, input: { communityName: string; name: string }): Promise<boolean> {
  return inTransaction(deps, async (tx) => {
    const community = await moderatedCommunityByName(tx, actor, input.communityName);
    const user = await userByName(tx, input.name);
    const { count } = await tx.ban.deleteMany({ where: { communityId: community.id, userId: user.id } });
    if (count === 0) return false;
    await recordModAction(tx, deps, {
      communityId: community.id,
      moderatorId: actor.userId,
      action: "unbanuser",
      targetFullname: formatFullname("t2", user.id),
      targetAuthorId: user.id,
    });
    const ban = { user: toBase36(user.id), community: toBase36(community.id), by: toBase36(actor.userId) };
    await enqueueEvents(tx, [newEvent("user.unbanned", ban, deps.now())]);
    return true;
  });
}

export interface BanEntry {
  ban: Ban;
  name: string;
}

/**
 * A page of a community's bans in force, newest first. `after` is the t2
 * fullname of the last user of the previous page.
 */
export async function listBans(db: Db, communityId: bigint, now: number, q: { limit: number; after?: Fullname<"t2"> | undefined }): Promise<{ entries: BanEntry[]; hasMore: boolean }> {
  const active = { communityId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date(now) } }] };
  let cursor = {};
  if (q.after) {
    const last = await db.ban.findUnique({ where: { communityId_userId: { communityId, userId: q.after.id } } });
    if (last) cursor = { OR: [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, userId: { lt: last.userId } }] };
  }
  const rows = await db.ban.findMany({
    where: { AND: [active, cursor] },
    orderBy: [{ createdAt: "desc" }, { userId: "desc" }],
    take: q.limit + 1,
    include: { user: { select: { name: true } } },
  });
  return {
    hasMore: rows.length > q.limit,
    entries: rows.slice(0, q.limit).map(({ user, ...ban }) => ({ ban, name: user.name })),
  };
}
