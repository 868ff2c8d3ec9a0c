import type { Prisma } from "../generated/prisma/client.js";
import { hotQuery, type Db } from "./client.js";

const RECENT_POSTS = `
  SELECT p.id, p.ups, p.downs FROM posts p
  WHERE p.author_id = $1 AND p.id >= $2 AND NOT p.deleted AND NOT p.removed
    AND ($3::bigint[] IS NULL OR p.community_id = ANY($3::bigint[]))
    AND ($4::bigint IS NULL OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.user_id = $4 AND s.community_id = p.community_id))`;

/**
 * An author's live posts with ids from `minId` on (so: since a time), optionally only in some
 * communities or in those a user subscribes to (every logged-in listing read asks; hotQuery).
 */
export async function findRecentPostsBy(
  db: Db | Prisma.TransactionClient,
  authorId: bigint,
  minId: bigint,
  scope: { communityIds?: readonly bigint[] | undefined; subscriberId?: bigint | undefined },
): Promise<{ id: bigint; ups: number; downs: number }[]> {
  const values = [authorId.toString(), minId.toString(), scope.communityIds?.map(String) ?? null, scope.subscriberId?.toString() ?? null];
  const rows = await hotQuery<{ id: bigint | string; ups: number; downs: number }>(db, "recent-posts-by", RECENT_POSTS, values);
  return rows.map((r) => ({ id: BigInt(r.id), ups: r.ups, downs: r.downs }));
}
