import { ConflictError, formatFullname, type Fullname, type HivemindEvent } from "@hivemind/core";
import { enqueueEvents, newEvent } from "@hivemind/db";
import type { Actor } from "../auth/actor.js";
import type { ModDeps } from "./mod-deps.js";
import { lockTarget, thingEventData } from "./mod-target.js";
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

/**
 * Sticks or unsticks a post. Slots stay compact: the sticky posts occupy
 * 1, or 1 and 2. Sticking to the top while slot 1 is taken moves that post to
 * slot 2; unsticking slot 1 moves slot 2 up. A third sticky is refused (409)
 * rather than silently replacing one. The community row is locked so two
 * concurrent stickies cannot both take the last slot. Sticking a stickied post
 * or unsticking an unstickied one changes nothing and succeeds.
 * Returns true when something changed.
 */
export async function setSticky(deps: ModDeps, actor: Actor, post: Fullname<"t3">, opts: StickyOptions): Promise<boolean> {
  return deps.db.$transaction(async (tx) => {
    const t = await lockTarget(tx, post);
    await requireModerator(tx, actor, t.communityId);
    await tx.$queryRaw`SELECT id FROM communities WHERE id = ${t.communityId} FOR UPDATE`;
    if (opts.state === (t.stickyPosition !== null)) return false;

    const others: StickyRow[] = await tx.post.findMany({
      where: { communityId: t.communityId, stickyPosition: { not: null }, id: { not: t.id } },
      select: { id: true, authorId: true, stickyPosition: true },
      orderBy: { stickyPosition: "asc" },
    });
    const now = deps.now();
    const events: HivemindEvent[] = [];
    const move = async (row: StickyRow, slot: number) => {
      await tx.post.update({ where: { id: row.id }, data: { stickyPosition: slot } });
      const fullname = formatFullname("t3", row.id);
      const data = thingEventData({ fullname, postId: row.id, communityId: t.communityId, authorId: row.authorId }, actor);
      events.push(newEvent("thing.stickied", { ...data, slot }, now));
    };

    if (opts.state) {
      if (others.length >= MAX_STICKIES) {
        throw new ConflictError(`this community already has ${MAX_STICKIES} stickied posts; unsticky one first`, { field: "id" });
      }
      const top = others.find((o) => o.stickyPosition === 1);
      let slot: number;
      if (opts.num === 1) {
        if (top) await move(top, 2);
        slot = 1;
      } else {
        slot = top ? 2 : 1;
      }
      await tx.post.update({ where: { id: t.id }, data: { stickyPosition: slot } });
      await recordModAction(tx, deps, sticky(actor, t, "sticky", `slot ${slot}`));
      events.unshift(newEvent("thing.stickied", { ...thingEventData(t, actor), slot }, now));
    } else {
      await tx.post.update({ where: { id: t.id }, data: { stickyPosition: null } });
      await recordModAction(tx, deps, sticky(actor, t, "unsticky", null));
      events.push(newEvent("thing.unstickied", thingEventData(t, actor), now));
      const rest = others.filter((o) => o.stickyPosition !== null && o.stickyPosition > 1);
      if (t.stickyPosition === 1 && rest[0] && !others.some((o) => o.stickyPosition === 1)) await move(rest[0], 1);
    }
    await enqueueEvents(tx, events);
    return true;
  });
}

function sticky(actor: Actor, t: { communityId: bigint; fullname: string; authorId: bigint }, action: "sticky" | "unsticky", details: string | null) {
  return { communityId: t.communityId, moderatorId: actor.userId, action, targetFullname: t.fullname, targetAuthorId: t.authorId, details };
}
