import type { Pool } from "pg";
import { parseFullname } from "@hivemind/core";
import { withTransaction } from "@hivemind/db";
import { applyVotes, COMMENT_COUNT_SQL, recountComments, type VoteKey } from "./apply.js";
import { enqueueUpdateTriggers, type Affected } from "./triggers.js";

export interface RecountProgress {
  phase: "votes" | "comments";
  done: number;
  total: number;
}

export interface RecountOptions {
  /** Votes (or posts) per transaction; default 500. */
  batchSize?: number;
  onProgress?: (p: RecountProgress) => void;
  /**
   * Called after each commit with the things whose counts changed (the thing cache's delete). A
   * failure is ignored: the entries then live out their TTL.
   */
  invalidateThings?: (fullnames: readonly string[]) => Promise<void>;
}

export interface RecountResult {
  /** Votes found not counted, and the things whose ups and downs they changed. */
  votes: number;
  things: number;
  /** Posts whose comment count was wrong. */
  posts: number;
  ms: number;
}

/**
 * Restores the tally's counts from Postgres alone, for when its events are gone (the broker's
 * data was lost before the tally read them; DESIGN's "Postgres is the truth").
 *
 * A vote whose event was never counted still says so in its row (`dir ≠ counted_dir`): those are
 * counted exactly as the tally counts them (applyVotes, under the row's lock), with the listing
 * triggers its things need, one transaction per batch. Comment counts are compared with the
 * comments and recounted where they differ. Safe beside a running tally, and safe to run twice: a
 * vote's event that arrives later finds it counted, and a count already right is left alone.
 */
export async function recountUncounted(pool: Pool, opts: RecountOptions = {}): Promise<RecountResult> {
  const started = Date.now();
  const batchSize = opts.batchSize ?? 500;
  const votes = await recountVotes(pool, batchSize, opts);
  const posts = await recountCommentCounts(pool, batchSize, opts);
  return { votes: votes.votes, things: votes.things, posts, ms: Date.now() - started };
}

async function recountVotes(pool: Pool, batchSize: number, opts: RecountOptions): Promise<{ votes: number; things: number }> {
  const total = Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM votes WHERE dir <> counted_dir")).rows[0]?.n ?? 0);
  opts.onProgress?.({ phase: "votes", done: 0, total });
  let after: VoteKey = { thing: -1n, user: -1n };
  let done = 0;
  const things = new Set<string>();
  for (;;) {
    // Read without locks; applyVotes locks each row and counts it only if it is still pending.
    const { rows } = await pool.query<{ thing_id: string; user_id: string }>(
      `SELECT thing_id, user_id FROM votes WHERE dir <> counted_dir AND (thing_id, user_id) > ($1::bigint, $2::bigint)
        ORDER BY thing_id, user_id LIMIT $3`,
      [after.thing.toString(), after.user.toString(), batchSize],
    );
    const last = rows.at(-1);
    if (!last) break;
    const keys = rows.map((r) => ({ thing: BigInt(r.thing_id), user: BigInt(r.user_id) }));
    const changed = await withTransaction(pool, async (client) => {
      const names = await applyVotes(client, keys);
      await enqueueUpdateTriggers(client, affectedOf(names), Date.now());
      return names;
    });
    for (const name of changed) things.add(name);
    await invalidate(opts, changed);
    done += rows.length;
    opts.onProgress?.({ phase: "votes", done: Math.min(done, total), total });
    after = { thing: BigInt(last.thing_id), user: BigInt(last.user_id) };
  }
  return { votes: done, things: things.size };
}

async function recountCommentCounts(pool: Pool, batchSize: number, opts: RecountOptions): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
`SELECT p.id FROM posts p WHERE p.num_comments <> ${COMMENT_COUNT_SQL} ORDER BY p.id`,
  );
  opts.onProgress?.({ phase: "comments", done: 0, total: rows.length });
  for (let i = 0; i < rows.length; i += batchSize) {
    const ids = rows.slice(i, i + batchSize).map((r) => r.id);
    const changed = await withTransaction(pool, (client) => recountComments(client, ids));
    await invalidate(opts, changed);
    opts.onProgress?.({ phase: "comments", done: Math.min(i + batchSize, rows.length), total: rows.length });
  }
  return rows.length;
}

async function invalidate(opts: RecountOptions, fullnames: readonly string[]): Promise<void> {
  if (fullnames.length > 0) await opts.invalidateThings?.(fullnames).catch(() => undefined);
}

/** The posts and comments named by fullnames, as the triggers take them. */
function affectedOf(fullnames: readonly string[]): Affected {
  const posts = new Set<string>();
  const comments = new Set<string>();
  for (const name of fullnames) {
    const { kind, id } = parseFullname(name);
    (kind === "t3" ? posts : comments).add(id.toString());
  }
  return { posts, comments, bans: [] };
}
