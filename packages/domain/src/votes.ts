import { type Deps, enqueueEvents, newEvent, writeVote, type Prisma } from "@hivemind/db";
import { ForbiddenError, toBase36, type VoteDir, type Viewer } from "@hivemind/core";
import { requireNotBanned } from "./permissions.js";
import { fullnameOf, requireLive, requireThing, rowOf, tableKindOf, type LoadedThing } from "./things.js";

export interface VoteInput {
  /** Fullname of a post or comment. */
  id: string;
  dir: VoteDir;
}

function voteEvent(thing: LoadedThing, userId: bigint, dir: VoteDir, prev: VoteDir, now: number) {
  const row = rowOf(thing);
  return newEvent(
    "vote.cast",
    { thing: fullnameOf(thing), user: toBase36(userId), dir, prev, author: toBase36(row.authorId), community: toBase36(row.communityId) },
    now,
  );
}

/**
 * Up, down or clear (dir 1, -1, 0) a post or comment. One votes row per (thing, user); only `dir`
 * is written here (ups, downs and karma are the tally's). The previous dir is read under the
 * row's lock and sent as vote.cast's `prev`, in the same transaction as the row (writeVote, on a
 * raw connection: this is the site's hottest write). Repeating a vote changes nothing and emits
 * nothing. Refused: unknown thing (404), removed or deleted thing or post (400), locked thread
 * (403 THREAD_LOCKED), banned voter (403 BANNED). Returns whether anything changed and, when it
 * did, the id of the vote.cast event written with it.
 */
export async function castVote(deps: Deps, actor: Viewer, input: VoteInput): Promise<{ changed: boolean; eventId?: string }> {
  const thing = await requireThing(deps.db, input.id, "id");
  requireLive(thing, "id");
  if (thing.post.locked) throw new ForbiddenError("this thread is locked", { code: "THREAD_LOCKED", field: "id" });
  await requireNotBanned(deps.db, actor, thing.post.communityId, deps.now());

  const now = deps.now();
  let eventId: string | undefined;
  const changed = await writeVote(deps.pool, {
    thingId: rowOf(thing).id,
    userId: actor.userId,
    kind: tableKindOf(thing) as 1 | 3,
    dir: input.dir,
    now,
    event: (prev) => {
      const event = voteEvent(thing, actor.userId, input.dir, prev, now);
      eventId = event.id;
      return event;
    },
  });
  return changed ? { changed, eventId } : { changed };
}

/** A new post or comment starts with its author's upvote, as on reddit (inside the creating tx). */
export async function recordAuthorUpvote(tx: Prisma.TransactionClient, thing: LoadedThing, now: number): Promise<void> {
  const row = rowOf(thing);
  await tx.vote.create({ data: { thingId: row.id, userId: row.authorId, kind: tableKindOf(thing), dir: 1, updatedAt: new Date(now) } });
  await enqueueEvents(tx, [voteEvent(thing, row.authorId, 1, 0, now)]);
}
