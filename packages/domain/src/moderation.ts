import { inTransaction, enqueueEvents, newEvent, type Prisma, type Deps } from "@hivemind/db";
import { type Fullname, type Viewer, KIND_COMMENT, KIND_POST } from "@hivemind/core";
import { lockTarget, modEventData, type ModTarget } from "./mod-target.js";
import { recordModAction } from "./modlog.js";
import { requireModerator } from "./permissions.js";
import { releaseStickySlot } from "./sticky.js";

/**
 * Remove, approve, lock and unlock: each is one transaction that locks the
 * thing's row, checks the actor moderates its community (admins everywhere),
 * and writes the change, its mod log row and its outbox event together.
 * An action that would change nothing writes nothing and still succeeds.
 */

type Thing = Fullname<"t1" | "t3">;

/** Returns true when the action changed something. */
async function moderate(deps: Deps, actor: Viewer, thing: Thing, act: (tx: Prisma.TransactionClient, t: ModTarget) => Promise<boolean>): Promise<boolean> {
  return inTransaction(deps, async (tx) => {
    const target = await lockTarget(tx, thing);
    await requireModerator(tx, actor, target.communityId);
    return act(tx, target);
  });
}

async function updateThing(tx: Prisma.TransactionClient, t: ModTarget, data: { removed?: boolean; removedBy?: bigint | null; approvedBy?: bigint | null; locked?: boolean }): Promise<void> {
  if (t.kind === "t3") await tx.post.update({ where: { id: t.id }, data });
  else {
    const { locked: _locked, ...commentData } = data;
    await tx.comment.update({ where: { postId_id: { postId: t.postId, id: t.id } }, data: commentData });
  }
}

/** Marks the thing's open reports handled by the actor; returns how many. */
async function resolveReports(tx: Prisma.TransactionClient, deps: Pick<Deps, "now">, t: ModTarget, actor: Viewer): Promise<number> {
  const { count } = await tx.report.updateMany({
    where: { thingId: t.id, kind: t.kind === "t3" ? KIND_POST : KIND_COMMENT, resolvedAt: null },
    data: { resolvedAt: new Date(deps.now()), resolvedBy: actor.userId },
  });
  return count;
}

/** Removes a post or comment (as spam when `spam`), resolving its open reports and freeing its sticky slot. */
export async function removeThing(deps: Deps, actor: Viewer, thing: Thing, spam: boolean): Promise<boolean> {
  return moderate(deps, actor, thing, async (tx, t) => {
    const resolved = await resolveReports(tx, deps, t, actor);
    if (t.removed && resolved === 0) return false;
    await updateThing(tx, t, { removed: true, removedBy: actor.userId, approvedBy: null });
    // A removed post gives up its sticky slot (as on reddit).
    const unstickied = await releaseStickySlot(tx, deps, actor, t);
    const noun = t.kind === "t3" ? "link" : "comment";
    await recordModAction(tx, deps, {
      communityId: t.communityId,
      moderatorId: actor.userId,
      action: spam ? `spam${noun}` : `remove${noun}`,
      targetFullname: t.fullname,
      targetAuthorId: t.authorId,
      details: spam ? "spam" : "remove",
    });
    await enqueueEvents(tx, [newEvent("thing.removed", { ...modEventData(t, actor), spam }, deps.now()), ...unstickied]);
    return true;
  });
}

/** Approves a post or comment: un-removes it and resolves its open reports. */
export async function approveThing(deps: Deps, actor: Viewer, thing: Thing): Promise<boolean> {
  return moderate(deps, actor, thing, async (tx, t) => {
    const resolved = await resolveReports(tx, deps, t, actor);
    if (!t.removed && t.approvedBy !== null && resolved === 0) return false;
    await updateThing(tx, t, { removed: false, removedBy: null, approvedBy: actor.userId });
    await recordModAction(tx, deps, {
      communityId: t.communityId,
      moderatorId: actor.userId,
      action: t.kind === "t3" ? "approvelink" : "approvecomment",
      targetFullname: t.fullname,
      targetAuthorId: t.authorId,
      details: t.removed ? "unremove" : resolved > 0 ? `${resolved} ${resolved === 1 ? "report" : "reports"} resolved` : null,
    });
    await enqueueEvents(tx, [newEvent("thing.approved", modEventData(t, actor), deps.now())]);
    return true;
  });
}

/** Locks or unlocks a post (new comments and votes are refused while locked). */
export async function setPostLocked(deps: Deps, actor: Viewer, post: Fullname<"t3">, locked: boolean): Promise<boolean> {
  return moderate(deps, actor, post, async (tx, t) => {
    if (t.locked === locked) return false;
    await updateThing(tx, t, { locked });
    await recordModAction(tx, deps, {
      communityId: t.communityId,
      moderatorId: actor.userId,
      action: locked ? "lock" : "unlock",
      targetFullname: t.fullname,
      targetAuthorId: t.authorId,
    });
    await enqueueEvents(tx, [newEvent(locked ? "thing.locked" : "thing.unlocked", modEventData(t, actor), deps.now())]);
    return true;
  });
}
