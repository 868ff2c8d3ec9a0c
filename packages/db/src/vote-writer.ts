import type pg from "pg";
import { topicForEvent, keyForEvent, type HivemindEvent } from "@hivemind/core";
import { retrying } from "./transaction.js";
import { turnBatch } from "./turn-batch.js";

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

const ATTEMPTS = 3;

const CAST_VOTES = {
  name: "cast-votes",
  text: "SELECT cast_votes($1::bigint[], $2::bigint[], $3::smallint[], $4::smallint[], $5::timestamptz[], $6::uuid[], $7::text[], $8::text[], $9::jsonb[]) AS prevs",
};

function castVotes(pool: pg.Pool, votes: readonly VoteWrite[]): Promise<(number | null)[]> {
  const events = votes.map((v) => v.event);
  const values = [
    votes.map((v) => v.thingId.toString()),
    votes.map((v) => v.userId.toString()),
    votes.map((v) => v.kind),
    votes.map((v) => v.dir),
    votes.map((v) => new Date(v.now)),
    events.map((e) => e.id),
    events.map((e) => topicForEvent(e.type)),
    events.map((e) => keyForEvent(e)),
    events.map((e) => JSON.stringify(e)),
  ];
  return retrying(() => pool.query<{ prevs: (number | null)[] }>({ ...CAST_VOTES, values }), ATTEMPTS).then(({ rows }) => rows[0]?.prevs ?? []);
}

/**
 * One batch of votes (turnBatch: the votes of one event-loop turn) in one cast_votes statement and
 * one transaction: group commit for the site's hottest write. A batch that fails is written again
 * vote by vote, so one vote's error is that vote's alone.
 */
async function castBatch(pool: pg.Pool, votes: readonly VoteWrite[]): Promise<(boolean | Error)[]> {
  try {
    return (await castVotes(pool, votes)).map((prev) => prev !== null && prev !== undefined);
  } catch (err) {
    if (votes.length === 1) return [err instanceof Error ? err : new Error(String(err))];
    return (await Promise.all(votes.map((v) => castBatch(pool, [v])))).flat();
  }
}

/**
 * Writes one vote and its vote.cast event, with the other votes of this turn in one transaction
 * (castBatch; cast_votes's migration says how it locks, reads each previous dir and writes).
 * Settles after the commit. Returns whether anything changed (the same vote again writes
 * nothing). Retried on deadlock.
 */
export function writeVote(pool: pg.Pool, vote: VoteWrite): Promise<boolean> {
  return turnBatch(pool, "cast-votes", castBatch)(vote);
}
