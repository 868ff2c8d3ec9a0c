import type pg from "pg";
import { topicForEvent, keyForEvent, type HivemindEvent } from "@hivemind/core";
import { withTransaction } from "./transaction.js";

export type VoteDirection = -1 | 0 | 1;

export interface VoteWrite {
  thingId: bigint;
  userId: bigint;
  /** 1 = comment (t1), 3 = post (t3). */
  kind: 1 | 3;
  dir: VoteDirection;
  now: number;
  /** The vote.cast event for a change from `prev`; called only when the vote changes. */
  event(prev: VoteDirection): HivemindEvent;
}

/**
 * Writes one vote and its vote.cast event in one transaction, on a raw pg
 * connection: the hottest write of the site, where an ORM's interactive
 * transaction costs about four times the round trips' worth (bench/).
 *
 * A user's votes on one thing queue on a transaction-scoped advisory lock:
 * a first vote has no row to lock yet. The previous dir is read under that
 * lock; the same vote again writes nothing. Only `dir` is written; the tally
 * owns `counted_dir` and the counts. Returns whether anything changed. The
 * statements are named (prepared once per connection): parsing and planning
 * them on every vote was a good part of Postgres's work per vote.
 */
export async function writeVote(pool: pg.Pool, vote: VoteWrite, attempts = 3): Promise<boolean> {
  return withTransaction(
    pool,
    async (client) => {
      const key = [vote.thingId.toString(), vote.userId.toString()];
      await client.query({ name: "vote-lock", text: "SELECT pg_advisory_xact_lock(hashtextextended('vote:' || $1 || ':' || $2, 0))", values: key });
      const { rows } = await client.query<{ dir: number }>({ name: "vote-prev", text: "SELECT dir FROM votes WHERE thing_id = $1 AND user_id = $2 FOR UPDATE", values: key });
      const prev = (rows[0]?.dir ?? 0) as VoteDirection;
      if (prev === vote.dir) return false;
      const event = vote.event(prev);
      await client.query({
        name: "vote-write",
        text: `WITH v AS (
           INSERT INTO votes (thing_id, user_id, kind, dir, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (thing_id, user_id) DO UPDATE SET dir = EXCLUDED.dir, updated_at = EXCLUDED.updated_at
         )
         INSERT INTO outbox (event_id, topic, key, payload) VALUES ($6, $7, $8, $9)`,
        values: [vote.thingId.toString(), vote.userId.toString(), vote.kind, vote.dir, new Date(vote.now), event.id, topicForEvent(event.type), keyForEvent(event), event],
      });
      return true;
    },
    attempts,
  );
}
