import type pg from "pg";
import { topicForEvent, keyForEvent, type HivemindEvent } from "@hivemind/core";
import { retrying } from "./transaction.js";

export type VoteDirection = -1 | 0 | 1;

export interface VoteWrite {
  thingId: bigint;
  userId: bigint;
  /** 1 = comment (t1), 3 = post (t3). */
  kind: 1 | 3;
  dir: VoteDirection;
  now: number;
  /**
   * The vote.cast event, written only when the vote changes. Build it with any `prev`: the stored
   * copy's data.prev is the dir the database read under the vote's lock.
   */
  event: HivemindEvent;
}

/**
 * Writes one vote and its vote.cast event in one transaction: the hottest write of the site, in one
 * round trip to the cast_vote function (its migration says how it locks, reads the previous dir and
 * writes), a named statement. Returns whether anything changed (the same vote again writes
 * nothing). Retried on deadlock.
 */
export async function writeVote(pool: pg.Pool, vote: VoteWrite, attempts = 3): Promise<boolean> {
  const e = vote.event;
  const values = [vote.thingId.toString(), vote.userId.toString(), vote.kind, vote.dir, new Date(vote.now), e.id, topicForEvent(e.type), keyForEvent(e), e];
  const { rows } = await retrying(
    () => pool.query<{ prev: number | null }>({ name: "cast-vote", text: "SELECT cast_vote($1, $2, $3, $4, $5, $6, $7, $8, $9) AS prev", values }),
    attempts,
  );
  return rows[0]?.prev !== null && rows[0]?.prev !== undefined;
}
