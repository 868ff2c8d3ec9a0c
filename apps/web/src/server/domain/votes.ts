import { ForbiddenError, toBase36, type VoteDir } from "@hivemind/core";
import { enqueueEvents, newEvent, type Prisma } from "@hivemind/db";
import type { Actor } from "../auth/actor.js";
import { requireNotBanned } from "./permissions.js";
import { fullnameOf, inTransaction, requireLive, requireThing, rowOf, tableKindOf, type LoadedThing, type WriteDeps } from "./things.js";

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

async function voteInTransaction(tx: Prisma.TransactionClient, deps: WriteDeps, actor: Actor, input: VoteInput): Promise<boolean> {
  const thing = await requireThing(tx, input.id, "id");
  requireLive(thing, "id");
  if (thing.post.locked) throw new ForbiddenError("this thread is locked", { code: "THREAD_LOCKED", field: "id" });
  await requireNotBanned(tx, actor, thing.post.communityId, deps.now());

  const thingId = rowOf(thing).id;
  // Row locks cannot cover a first vote (no row yet), so one user's votes on one thing queue on
  // a transaction-scoped advisory lock of their own; other voters never wait on it.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`vote:${thingId}:${actor.userId}`}, 0))`;
  const current = await tx.$queryRaw<{ dir: number }[]>`
    SELECT dir FROM votes WHERE thing_id = ${thingId} AND user_id = ${actor.userId} FOR UPDATE`;
  const prev = (current[0]?.dir ?? 0) as VoteDir;
  if (prev === input.dir) return false; // the same vote again (or clearing nothing): no change, no event

  const now = deps.now();
  await tx.$executeRaw`
    INSERT INTO votes (thing_id, user_id, kind, dir, updated_at)
    VALUES (${thingId}, ${actor.userId}, ${tableKindOf(thing)}::smallint, ${input.dir}::smallint, ${new Date(now)})
    ON CONFLICT (thing_id, user_id) DO UPDATE SET dir = EXCLUDED.dir, updated_at = EXCLUDED.updated_at
    WHERE votes.dir <> EXCLUDED.dir`;

  await enqueueEvents(tx, [voteEvent(thing, actor.userId, input.dir, prev, now)]);
  return true;
}

/**
 * Up, down or clear (dir 1, -1, 0) a post or comment. One votes row per (thing, user); only `dir`
 * is written here (ups, downs and karma are the tally's). The previous dir is read under the
 * row's lock and sent as vote.cast's `prev`, in the same transaction as the row. Repeating a vote
 * changes nothing and emits nothing. Refused: unknown thing (404), removed or deleted thing or
 * post (400), locked thread (403 THREAD_LOCKED), banned voter (403 BANNED).
 * Returns whether anything changed.
 */
export async function castVote(deps: WriteDeps, actor: Actor, input: VoteInput): Promise<{ changed: boolean }> {
  const changed = await inTransaction(deps, (tx) => voteInTransaction(tx, deps, actor, input));
  return { changed };
}

/** A new post or comment starts with its author's upvote, as on reddit (inside the creating tx). */
export async function recordAuthorUpvote(tx: Prisma.TransactionClient, thing: LoadedThing, now: number): Promise<void> {
  const row = rowOf(thing);
  await tx.vote.create({ data: { thingId: row.id, userId: row.authorId, kind: tableKindOf(thing), dir: 1, updatedAt: new Date(now) } });
  await enqueueEvents(tx, [voteEvent(thing, row.authorId, 1, 0, now)]);
}
