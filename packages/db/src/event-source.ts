import type pg from "pg";

/**
 * This database's mark on the events it publishes (table event_source, made by its migration):
 * the relay stamps it on every message, and consumers skip messages another database stamped.
 */
export async function loadEventSource(pool: Pick<pg.Pool, "query">): Promise<string | null> {
  const { rows } = await pool.query<{ source: string }>("SELECT source FROM event_source");
  return rows[0]?.source ?? null;
}
