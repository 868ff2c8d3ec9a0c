import type { Pool, PoolClient } from "pg";
import type { ConsumedEvent, PartitionBatch } from "@hivemind/queue";
import { fromBase36, parseFullname } from "@hivemind/core";
import { turnBatchedWork, withTransaction } from "@hivemind/db";
import { affectedBy, applyVotes, enqueueUpdateTriggers, recountComments, type VoteKey } from "@hivemind/tally";
import { loadNextOffsets, nextOffsetOf, storeNextOffsets } from "./offsets.js";
import { workerLog as log } from "./logger.js";

export const TALLY_GROUP = "tally";

/**
 * The tally: the only writer of ups, downs, comment counts and karma.
 *
 * Exactly once in effect without a dedupe table: the web writes a vote's
 * `dir`, the tally moves `counted_dir` to it and adds the difference to the
 * thing. An event delivered twice (Kafka redelivery, or the relay publishing
 * again after a crash) finds dir = counted_dir and adds nothing. Offsets are
 * stored in the same transaction, so a restarted consumer skips what it did.
 */
export interface TallyOptions {
  /**
   * Deletes the thing cache entries (`t:{fullname}`) of things whose counts changed, called after
   * the commit (the read path's invalidateThings), so a shown score is fresh at once rather than
   * after the cache TTL. A failure is logged: the entry then lives out its TTL.
   */
  invalidateThings?: (fullnames: readonly string[]) => Promise<void>;
}

export function createTally(pool: Pool, group: string = TALLY_GROUP, opts: TallyOptions = {}) {
  // The batches of every partition handed over in one turn (the consumer takes several partitions
  // at once) are applied in one transaction: one round of statements and one commit for them all.
  const applyTogether = async (batches: readonly PartitionBatch[]): Promise<void> => {
    const changed = await withTransaction(pool, (client) => applyBatches(client, group, batches));
    if (changed.length > 0 && opts.invalidateThings) {
      await opts.invalidateThings(changed).catch((err: unknown) => log.warn({ err, things: changed.length }, "thing cache invalidation failed; entries live out their TTL"));
    }
  };
  return { handleBatch: turnBatchedWork(applyTogether) };
}

/**
 * Applies partition batches in the caller's transaction: each partition's events from its stored
 * offset on, then every partition's new offset. Returns the fullnames of the things whose counts
 * changed.
 */
async function applyBatches(client: PoolClient, group: string, batches: readonly PartitionBatch[]): Promise<string[]> {
  const done = await loadNextOffsets(client, group, batches);
  const freshOf = (b: PartitionBatch) => b.events.filter((e) => BigInt(e.offset) >= nextOffsetOf(done, b));
  const votes = batches.filter((b) => b.topic === "votes").flatMap(freshOf);
  const things = batches.filter((b) => b.topic !== "votes").flatMap(freshOf);
  const changed = [...(await applyVotes(client, voteKeysOf(votes))), ...(await recountComments(client, commentedPostsOf(things)))];
  await enqueueUpdateTriggers(client, affectedBy([...votes, ...things].map((e) => e.event)), Date.now());
  await storeNextOffsets(client, group, batches.map((b) => ({ topic: b.topic, partition: b.partition, next: BigInt(b.nextOffset) })));
  return [...new Set(changed)];
}

function voteKeysOf(events: readonly ConsumedEvent[]): VoteKey[] {
  const keys: VoteKey[] = [];
  for (const { event } of events) {
    if (event.type === "vote.cast") keys.push({ thing: parseFullname(event.data.thing).id, user: fromBase36(event.data.user) });
  }
  return keys;
}

/** The posts whose comment count a comment event may change. */
function commentedPostsOf(events: readonly ConsumedEvent[]): string[] {
  return events.map((e) => commentLinkOf(e.event)).filter((id): id is string => id !== undefined);
}

function commentLinkOf(event: ConsumedEvent["event"]): string | undefined {
  if (event.type === "vote.cast" || event.type === "listing.update" || event.type === "comments.update") return undefined;
  if (event.type === "user.banned" || event.type === "user.unbanned") return undefined;
  if (!event.data.thing.startsWith("t1_")) return undefined;
  return parseFullname(event.data.post).id.toString();
}
