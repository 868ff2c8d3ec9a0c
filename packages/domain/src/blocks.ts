import type { Deps } from "@hivemind/db";
import { NotFoundError, ValidationError, parseFullname, type Viewer } from "@hivemind/core";
import { accountNamed } from "./account-named.js";
import type { Reader } from "./things.js";

/**
 * Blocking another account (reddit's block_user): from then on nothing it sends reaches the
 * blocker's inbox, neither its private messages nor its replies to the blocker's posts and
 * comments. What it sent before the block stays; it is not told.
 */
export interface BlockedAccount {
  userId: bigint;
  name: string;
  since: Date;
}

async function block(deps: Pick<Deps, "db" | "now">, actor: Viewer, target: { id: bigint; name: string }, field: string): Promise<BlockedAccount> {
  if (target.id === actor.userId) throw new ValidationError("you can't block yourself", { code: "BAD_REQUEST", field });
  const row = await deps.db.userBlock.upsert({
    where: { blockerId_blockedId: { blockerId: actor.userId, blockedId: target.id } },
    create: { blockerId: actor.userId, blockedId: target.id, createdAt: new Date(deps.now()) },
    update: {},
  });
  return { userId: target.id, name: target.name, since: row.createdAt };
}

/** Blocks the account named `name`; blocking it again changes nothing. */
export async function blockUser(deps: Pick<Deps, "db" | "now">, actor: Viewer, name: string): Promise<BlockedAccount> {
  return block(deps, actor, await accountNamed(deps.db, name, "name"), "name");
}

/** Blocks the author of a thing (reddit's /api/block): a t4_ message sent to the reader, or any t1_ comment (a reply in their inbox, as PRAW's comment.block() sends). */
export async function blockAuthorOf(deps: Pick<Deps, "db" | "now">, actor: Viewer, fullname: string): Promise<BlockedAccount> {
  const { kind, id } = parseFullname(fullname, ["t1", "t4"], "id");
  const authorId =
    kind === "t4"
      ? (await deps.db.message.findFirst({ where: { id, recipientId: actor.userId }, select: { authorId: true } }))?.authorId
      : (await deps.db.comment.findFirst({ where: { id }, select: { authorId: true } }))?.authorId;
  const author = authorId === undefined ? null : await deps.db.user.findUnique({ where: { id: authorId }, select: { id: true, name: true } });
  if (!author) throw new NotFoundError("that message or comment doesn't exist", { field: "id" });
  return block(deps, actor, author, "id");
}

/** Lifts the reader's block of the account named `name`; one that was not blocked changes nothing. */
export async function unblockUser(deps: Pick<Deps, "db">, actor: Viewer, name: string): Promise<void> {
  const target = await accountNamed(deps.db, name, "name");
  await deps.db.userBlock.deleteMany({ where: { blockerId: actor.userId, blockedId: target.id } });
}

/** The accounts the reader has blocked, most recent first. */
export async function blockedAccounts(db: Reader, actor: Viewer): Promise<BlockedAccount[]> {
  const rows = await db.userBlock.findMany({ where: { blockerId: actor.userId }, orderBy: { createdAt: "desc" }, include: { blocked: { select: { name: true } } } });
  return rows.map((r) => ({ userId: r.blockedId, name: r.blocked.name, since: r.createdAt }));
}

/** Whether `blockerId` has blocked `blockedId` (asked where an inbox item is written, and by the profile's block button). */
export async function hasBlocked(db: Reader, blockerId: bigint, blockedId: bigint): Promise<boolean> {
  return (await db.userBlock.count({ where: { blockerId, blockedId } })) > 0;
}
