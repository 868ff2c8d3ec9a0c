import type pg from "pg";

/** reddit's hot() in SQL (DESIGN.md §5), over posts' ups, downs and created_at. */
export const HOT_SQL = `round((sign(ups - downs) * log(greatest(abs(ups - downs), 1)) + (extract(epoch from created_at) - 1134028003) / 45000)::numeric, 7)::float8`;

/** Baseline (b): Lemmy's stored rank, a table of its own with an index. */
export const RANK_TABLE = "bench_hot_rank";

/** Creates and fills the rank table (all posts) when missing. */
export async function ensureRankTable(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [RANK_TABLE]);
  if (rows[0]?.t) return;
  await pool.query(`CREATE TABLE ${RANK_TABLE} (post_id bigint PRIMARY KEY, community_id bigint NOT NULL, rank float8 NOT NULL)`);
  await pool.query(`INSERT INTO ${RANK_TABLE} SELECT id, community_id, ${HOT_SQL} FROM posts WHERE NOT deleted AND NOT removed`);
  await pool.query(`CREATE INDEX ${RANK_TABLE}_community_rank ON ${RANK_TABLE} (community_id, rank DESC, post_id DESC)`);
  await pool.query(`ANALYZE ${RANK_TABLE}`);
}

/** Lemmy's periodic refresh: recompute the rank of the posts of the last `days` days. */
export async function refreshRanks(pool: pg.Pool, days: number): Promise<void> {
  await pool.query(
    `UPDATE ${RANK_TABLE} r SET rank = ${HOT_SQL.replace(/\b(ups|downs|created_at)\b/g, "p.$1")} FROM posts p WHERE p.id = r.post_id AND p.created_at > now() - make_interval(days => $1)`,
    [days],
  );
}
