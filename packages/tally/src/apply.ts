import type { PoolClient } from "pg";
import { KIND_POST, formatFullname } from "@hivemind/core";

/** One user's vote on one thing (ids). */
export interface VoteKey {
  thing: bigint;
  user: bigint;
}

interface PendingVote {
  thing_id: string;
  user_id: string;
  kind: number;
  dir: number;
  counted_dir: number;
}

interface ThingDelta {
  id: bigint;
  ups: number;
  downs: number;
  /** Net score change from everyone but the author: reddit gives no karma for self-votes. */
  karma: number;
  /** Each voter's net score change, so the author's own vote can be left out of karma. */
  byVoter: Map<string, number>;
}

/**
 * Counts the given votes (each a user's vote on a thing) that are not counted yet: adds
 * `dir − counted_dir` to the thing's ups and downs and to the author's karma, and sets
 * `counted_dir = dir`, under the vote row's lock. A vote already counted adds nothing, so any
 * number of calls for the same vote, in any order, counts it once. Returns the fullnames of the
 * things whose counts changed.
 */
export async function applyVotes(client: PoolClient, votes: readonly VoteKey[]): Promise<string[]> {
  if (votes.length === 0) return [];
  const things = votes.map((v) => v.thing.toString());
  const users = votes.map((v) => v.user.toString());

  const { rows } = await client.query<PendingVote>(
    `WITH ev AS (SELECT DISTINCT * FROM unnest($1::bigint[], $2::bigint[]) AS e(thing_id, user_id)),
     pending AS (
       SELECT v.thing_id, v.user_id, v.kind, v.dir, v.counted_dir
       FROM votes v JOIN ev ON v.thing_id = ev.thing_id AND v.user_id = ev.user_id
       WHERE v.dir <> v.counted_dir
       ORDER BY v.thing_id, v.user_id
       FOR UPDATE OF v
     ),
     applied AS (
       UPDATE votes v SET counted_dir = p.dir FROM pending p
       WHERE v.thing_id = p.thing_id AND v.user_id = p.user_id
     )
     SELECT * FROM pending`,
    [things, users],
  );
  if (rows.length === 0) return [];

  const posts = new Map<string, ThingDelta>();
  const comments = new Map<string, ThingDelta>();
  for (const r of rows) {
    const target = r.kind === KIND_POST ? posts : comments;
    const d = target.get(r.thing_id) ?? { id: BigInt(r.thing_id), ups: 0, downs: 0, karma: 0, byVoter: new Map() };
    d.ups += Number(r.dir === 1) - Number(r.counted_dir === 1);
    d.downs += Number(r.dir === -1) - Number(r.counted_dir === -1);
    d.karma += r.dir - r.counted_dir;
    d.byVoter.set(r.user_id, r.dir - r.counted_dir);
    target.set(r.thing_id, d);
  }
  const karma = new Map<string, { link: number; comment: number }>();
  const changed: string[] = [];
  for (const [table, deltas] of [["posts", posts], ["comments", comments]] as const) {
    if (deltas.size === 0) continue;
    const list = [...deltas.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const updated = await client.query<{ id: string; author_id: string }>(
      `UPDATE ${table} t SET ups = t.ups + d.ups, downs = t.downs + d.downs
       FROM unnest($1::bigint[], $2::int[], $3::int[]) AS d(id, ups, downs)
       WHERE t.id = d.id RETURNING t.id, t.author_id`,
      [list.map((d) => d.id.toString()), list.map((d) => d.ups), list.map((d) => d.downs)],
    );
    for (const { id, author_id } of updated.rows) {
      const d = deltas.get(id);
      if (!d) continue;
      changed.push(formatFullname(table === "posts" ? "t3" : "t1", BigInt(id)));
      // A self-vote moves the score but not the author's karma.
      const selfDelta = d.byVoter.get(author_id) ?? 0;
      const k = karma.get(author_id) ?? { link: 0, comment: 0 };
      if (table === "posts") k.link += d.karma - selfDelta;
      else k.comment += d.karma - selfDelta;
      karma.set(author_id, k);
    }
  }
  await addKarma(client, karma);
  return changed;
}

async function addKarma(client: PoolClient, karma: Map<string, { link: number; comment: number }>): Promise<void> {
  const entries = [...karma].filter(([, k]) => k.link !== 0 || k.comment !== 0).sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1));
  if (entries.length === 0) return;
  const ids = entries.map(([id]) => id);
  // Lock authors in id order: tally partitions share authors, and a fixed order means no deadlock.
  // NO KEY UPDATE (karma is not a key): it orders the tallies among themselves and leaves alone the
  // key-share locks of inserts that reference an account (a comment, a vote, an inbox item), which
  // take them in their own order; FOR UPDATE deadlocked with a reply that notifies its parent's author.
  await client.query("SELECT 1 FROM users WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE", [ids]);
  await client.query(
    `UPDATE users u SET link_karma = u.link_karma + d.link, comment_karma = u.comment_karma + d.comment
     FROM unnest($1::bigint[], $2::int[], $3::int[]) AS d(id, link, comment) WHERE u.id = d.id`,
    [ids, entries.map(([, k]) => k.link), entries.map(([, k]) => k.comment)],
  );
}

/**
 * Comment counts are recounted, not incremented: a recount is idempotent, and
 * comment events are keyed by the comment, so several partitions touch one post.
 * The post row is locked first so the count statement's snapshot is newer
 * than any concurrent writer's.
 */
/** A post's comment count (`p` is the post): its comments neither deleted nor removed. */
export const COMMENT_COUNT_SQL = "(SELECT count(*) FROM comments c WHERE c.post_id = p.id AND NOT c.deleted AND NOT c.removed)";

export async function recountComments(client: PoolClient, postIds: Iterable<string>): Promise<string[]> {
  const ids = [...new Set(postIds)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  if (ids.length === 0) return [];
  await client.query("SELECT 1 FROM posts WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE", [ids]);
  await client.query(
    `UPDATE posts p SET num_comments = ${COMMENT_COUNT_SQL} WHERE p.id = ANY($1::bigint[])`,
    [ids],
  );
  return ids.map((id) => formatFullname("t3", BigInt(id)));
}

