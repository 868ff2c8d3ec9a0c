import { type Deps, enqueueEvents, loadVoteTarget, newEvent, writeVote, type Prisma, type VoteTarget } from "@hivemind/db";
import { RefusedError, KIND_COMMENT, KIND_POST, NotFoundError, formatFullname, parseFullname, toBase36, type VoteDir, type Viewer } from "@hivemind/core";
import { bannedError } from "./permissions.js";
import { fullnameOf, requireLiveRows, rowOf, tableKindOf, type LoadedThing } from "./things.js";

export interface VoteInput {
  /** Fullname of a post or comment. */
  id: string;
  dir: VoteDir;
}

interface VotedThing {
  fullname: string;
  authorId: bigint;
  communityId: bigint;
}

function voteEvent(thing: VotedThing, userId: bigint, dir: VoteDir, prev: VoteDir, now: number) {
  return newEvent(
    "vote.cast",
    { thing: thing.fullname, user: toBase36(userId), dir, prev, author: toBase36(thing.authorId), community: toBase36(thing.communityId) },
    now,
  );
}

/** The refusals of castVote, in its order: the thing (then its post) deleted or removed, the thread locked, the voter banned. */
function requireVotable(target: VoteTarget, kind: "t1" | "t3"): void {
  requireLiveRows(kind === "t3" ? [target] : [target, { deleted: target.postDeleted, removed: target.postRemoved }]);
  if (target.locked) throw new RefusedError("this thread is locked", { code: "THREAD_LOCKED", field: "id" });
  if (target.voterBanned) throw bannedError();
}

/**
 * Up, down or clear (dir 1, -1, 0) a post or comment. One votes row per (thing, user); only `dir`
 * is written here (ups, downs and karma are the tally's). The thing, its post and the voter's ban
 * are read in one raw query (loadVoteTarget); the previous dir is read under the row's lock and
 * sent as vote.cast's `prev`, in the same transaction as the row (writeVote: one round trip, this
 * is the site's hottest write). Repeating a vote changes nothing and emits nothing.
 * Refused: unknown thing (404), removed or deleted thing or post (400), locked thread (400
 * THREAD_LOCKED), banned voter (400 BANNED). Returns whether anything changed and, when it did,
 * the id of the vote.cast event written with it.
 */
export async function castVote(deps: Deps, actor: Viewer, input: VoteInput): Promise<{ changed: boolean; eventId?: string }> {
  const { kind, id } = parseFullname(input.id, ["t1", "t3"], "id");
  const now = deps.now();
  const target = await loadVoteTarget(deps.pool, kind, id, actor.userId, now);
  if (!target) throw new NotFoundError(`${input.id} does not exist`, { field: "id" });
  requireVotable(target, kind);

  const thing: VotedThing = { fullname: formatFullname(kind, target.id), authorId: target.authorId, communityId: target.communityId };
  // Its prev is the database's: the dir read under the vote's lock (writeVote).
  const event = voteEvent(thing, actor.userId, input.dir, 0, now);
  const changed = await writeVote(deps.pool, { thingId: target.id, userId: actor.userId, kind: kind === "t3" ? KIND_POST : KIND_COMMENT, dir: input.dir, now, event });
  return changed ? { changed, eventId: event.id } : { changed };
}

/**
 * A new post or comment starts with its author's upvote, as on reddit, already counted: the row is
 * created with these counts and the vote with `counted_dir = 1`, in one transaction, so the thing
 * shows score 1 at once (the creating answer too) and the tally, finding the vote counted, adds
 * nothing. (A self-vote earns no karma, so there is none to add.)
 */
export const AUTHOR_UPVOTE_COUNTED = { ups: 1 } as const;

/** The author's upvote on the thing just created with AUTHOR_UPVOTE_COUNTED (inside the creating tx). */
export async function recordAuthorUpvote(tx: Prisma.TransactionClient, thing: LoadedThing, now: number): Promise<void> {
  const row = rowOf(thing);
  await tx.vote.create({ data: { thingId: row.id, userId: row.authorId, kind: tableKindOf(thing), dir: 1, countedDir: 1, updatedAt: new Date(now) } });
  await enqueueEvents(tx, [voteEvent({ fullname: fullnameOf(thing), authorId: row.authorId, communityId: row.communityId }, row.authorId, 1, 0, now)]);
}
