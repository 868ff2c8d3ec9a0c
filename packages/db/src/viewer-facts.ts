import type { Prisma } from "../generated/prisma/client.js";
import { poolOf, type Db } from "./client.js";

/** One fact about the viewer: a vote (v, with its dir), a save (s) or hide (h) of a thing; a community they moderate (m) or are banned from (b). */
export interface ViewerFactRow {
  k: "v" | "s" | "h" | "m" | "b";
  id: bigint;
  dir: number;
}

const VIEWER_FACTS = `
  SELECT 'v' AS k, thing_id AS id, dir::int AS dir FROM votes WHERE user_id = $1 AND thing_id = ANY($2::bigint[])
  UNION ALL SELECT 's', thing_id, 0 FROM saved WHERE user_id = $1 AND thing_id = ANY($2::bigint[])
  UNION ALL SELECT 'h', thing_id, 0 FROM hidden WHERE user_id = $1 AND thing_id = ANY($2::bigint[])
  UNION ALL SELECT 'm', community_id, 0 FROM moderators WHERE user_id = $1 AND community_id = ANY($3::bigint[])
  UNION ALL SELECT 'b', community_id, 0 FROM bans WHERE user_id = $1 AND community_id = ANY($3::bigint[])
    AND (expires_at IS NULL OR expires_at > $4)`;

/**
 * What a viewer brings to some things and communities, in one round trip (every logged-in listing
 * read asks): a named statement on the client's pool, so Postgres plans it once per connection;
 * inside a transaction, the same query through it.
 */
export async function findViewerFacts(db: Db | Prisma.TransactionClient, userId: bigint, thingIds: readonly bigint[], communityIds: readonly bigint[], now: Date): Promise<ViewerFactRow[]> {
  const values = [userId.toString(), thingIds.map(String), communityIds.map(String), now];
  const pool = poolOf(db);
  if (!pool) return (await db.$queryRawUnsafe<{ k: ViewerFactRow["k"]; id: bigint | string; dir: number }[]>(VIEWER_FACTS, ...values)).map(toRow);
  const { rows } = await pool.query<{ k: ViewerFactRow["k"]; id: string; dir: number }>({ name: "viewer-facts", text: VIEWER_FACTS, values });
  return rows.map(toRow);
}

function toRow(r: { k: ViewerFactRow["k"]; id: bigint | string; dir: number }): ViewerFactRow {
  return { k: r.k, id: BigInt(r.id), dir: r.dir };
}
