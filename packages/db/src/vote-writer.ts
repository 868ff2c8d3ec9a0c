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

interface Pending {
  vote: VoteWrite;
  resolve(changed: boolean): void;
  reject(err: unknown): void;
}

/** Votes in one statement at most; more wait for the next. */
const MAX_BATCH = 256;
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
 * Group commit for votes, the site's hottest write. The votes a process is asked to write in one
 * turn of its event loop (every request whose bytes arrived in that poll) go to Postgres as one
 * cast_votes statement in one transaction (its migration says how it locks, reads each previous
 * dir and writes): one round trip and one commit for the batch, where each had its own. Nothing
 * waits for a timer: a lone vote is sent at the end of the turn it came in, and under load the
 * batch is whatever arrived meanwhile. Each caller's promise settles after the commit. A batch
 * that fails is written again vote by vote, so one vote's error is that vote's alone.
 */
class VoteBatcher {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly pool: pg.Pool) {}

  write(vote: VoteWrite): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ vote, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) void this.send(this.pending.splice(0, MAX_BATCH));
  }

  private async send(batch: Pending[]): Promise<void> {
    try {
      const prevs = await castVotes(this.pool, batch.map((p) => p.vote));
      batch.forEach((p, i) => p.resolve(prevs[i] !== null && prevs[i] !== undefined));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      await Promise.all(batch.map((p) => this.send([p])));
    }
  }
}

const batchers = new WeakMap<pg.Pool, VoteBatcher>();

/**
 * Writes one vote and its vote.cast event (VoteBatcher: with the other votes of this turn, in one
 * transaction). Returns whether anything changed (the same vote again writes nothing). Retried on
 * deadlock.
 */
export function writeVote(pool: pg.Pool, vote: VoteWrite): Promise<boolean> {
  let batcher = batchers.get(pool);
  if (!batcher) batchers.set(pool, (batcher = new VoteBatcher(pool)));
  return batcher.write(vote);
}
