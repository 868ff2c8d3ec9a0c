import { inTransaction, enqueueEvents, newEvent, type Prisma, type Deps } from "@hivemind/db";
import { formatFullname, type Fullname, type HivemindEvent, type Viewer } from "@hivemind/core";
import { lockTarget, modEventData, type ModTarget } from "./mod-target.js";
import { recordModAction } from "./modlog.js";
import { requireModerator } from "./permissions.js";

/** A community shows at most this many stickied posts, in slots 1 (top) and 2. */
export const MAX_STICKIES = 2;

interface StickyOptions {
  /** true sticks the post, false unsticks it. */
  state: boolean;
  /** 1 = top slot (reddit's bottom=False); absent or 2 = bottom. */
  num?: 1 | 2 | undefined;
}

interface StickyRow {
  id: bigint;
  authorId: bigint;
  stickyPosition: number | null;
}

/** The community's sticky slots, read under the community row's lock (taken after the post's: one lock order). */
async function stickySlots(tx: Prisma.TransactionClient, t: ModTarget, actor: Viewer, now: number) {
  await tx.$queryRaw`SELECT id FROM communities WHERE id = ${t.communityId} FOR UPDATE`;
  const others: StickyRow[] = await tx.post.findMany({
    where: { communityId: t.communityId, stickyPosition: { not: null }, id: { not: t.id } },
    select: { id: true, authorId: true, stickyPosition: true },
    orderBy: { stickyPosition: "asc" },
  });
  const events: HivemindEvent[] = [];
  /** Moves another sticky post to `slot`, announcing it. */
  const move = async (row: StickyRow, slot: number) => {
    await tx.post.update({ where: { id: row.id }, data: { stickyPosition: slot } });
    const data = modEventData({ fullname: formatFullname("t3", row.id), postId: row.id, communityId: t.communityId, authorId: row.authorId }, actor);
    events.push(newEvent("thing.stickied", { ...data, slot }, now));
  };
  return { others, events, move };
}

/**
 * Takes a stickied post out of its slot (moving slot 2 up when slot 1 frees)
 * and returns the events announcing it; no mod log row (the caller logs its
 * own action). Used by unsticky and by removal, so a removed post never keeps
 * a slot. Call inside the transaction holding the post's row lock.
 */
export async function releaseStickySlot(tx: Prisma.TransactionClient, deps: Pick<Deps, "now">, actor: Viewer, t: ModTarget): Promise<HivemindEvent[]> {
  if (t.stickyPosition === null) return [];
  const now = deps.now();
  const { others, events, move } = await stickySlots(tx, t, actor, now);
  await tx.post.update({ where: { id: t.id }, data: { stickyPosition: null } });
  events.unshift(newEvent("thing.unstickied", modEventData(t, actor), now));
  const below = others.find((o) => o.stickyPosition !== null && o.stickyPosition > 1);
  if (t.stickyPosition === 1 && below && !others.some((o) => o.stickyPosition === 1)) await move(below, 1);
  return events;
}

/**
 * Sticks or unsticks a post. Slots stay compact: the sticky posts occupy
 * 1, or 1 and 2. Sticking to the top while slot 1 is taken moves that post to
 * slot 2; unsticking slot 1 moves slot 2 up. A third sticky replaces the
 * bottom one, as on reddit (which is unstickied, with its own mod log row): a
 * refusal would be lost on PRAW, which swallows a 409 from this call. The
 * community row is locked, so concurrent stickies apply one after another.
 * Sticking a stickied post or unsticking an unstickied one changes nothing and
 * succeeds. Returns true when something changed.
 */
export async function setSticky(deps: Deps, actor: Viewer, post: Fullname<"t3">, opts: StickyOptions): Promise<boolean> {
  return inTransaction(deps, async (tx) => {
    const t = await lockTarget(tx, post);
    await requireModerator(tx, actor, t.communityId);
    if (opts.state === (t.stickyPosition !== null)) return false;

    let events: HivemindEvent[];
    if (opts.state) {
      const now = deps.now();
      const slots = await stickySlots(tx, t, actor, now);
      const bottom = slots.others.length >= MAX_STICKIES ? slots.others.at(-1) : undefined;
      if (bottom) {
        const bumped = { fullname: formatFullname("t3", bottom.id), postId: bottom.id, communityId: t.communityId, authorId: bottom.authorId };
        await tx.post.update({ where: { id: bottom.id }, data: { stickyPosition: null } });
        await recordModAction(tx, deps, logRow(actor, bumped, "unsticky", `replaced by ${t.fullname}`));
        slots.events.push(newEvent("thing.unstickied", modEventData(bumped, actor), now));
      }
      const top = slots.others.find((o) => o.stickyPosition === 1 && o !== bottom);
      if (opts.num === 1 && top) await slots.move(top, 2);
      const slot = opts.num === 1 || !top ? 1 : 2;
      await tx.post.update({ where: { id: t.id }, data: { stickyPosition: slot } });
      await recordModAction(tx, deps, logRow(actor, t, "sticky", `slot ${slot}`));
      events = [newEvent("thing.stickied", { ...modEventData(t, actor), slot }, now), ...slots.events];
    } else {
      events = await releaseStickySlot(tx, deps, actor, t);
      await recordModAction(tx, deps, logRow(actor, t, "unsticky", null));
    }
    await enqueueEvents(tx, events);
    return true;
  });
}

function logRow(actor: Viewer, t: Pick<ModTarget, "communityId" | "fullname" | "authorId">, action: "sticky" | "unsticky", details: string | null) {
  return { communityId: t.communityId, moderatorId: actor.userId, action, targetFullname: t.fullname, targetAuthorId: t.authorId, details };
}
