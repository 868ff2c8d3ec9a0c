import type { Community } from "@hivemind/db";
import type { Reader } from "../things.js";

export const COMMUNITIES_PER_PAGE = 50;

/** The communities index: most subscribers first (ties: oldest first), paged by number. */
export async function listCommunitiesBySubscribers(db: Reader, page: number): Promise<{ communities: Community[]; hasMore: boolean }> {
  const rows = await db.community.findMany({
    orderBy: [{ subscribers: "desc" }, { id: "asc" }],
    skip: Math.max(0, page - 1) * COMMUNITIES_PER_PAGE,
    take: COMMUNITIES_PER_PAGE + 1,
  });
  return { communities: rows.slice(0, COMMUNITIES_PER_PAGE), hasMore: rows.length > COMMUNITIES_PER_PAGE };
}

/** Names of the communities a user subscribes to or moderates (the submit form's picker). */
export async function communityNamesFor(db: Reader, userId: bigint): Promise<string[]> {
  const rows = await db.community.findMany({
    where: { OR: [{ subscriptions: { some: { userId } } }, { moderators: { some: { userId } } }] },
    orderBy: { nameLower: "asc" },
    select: { name: true },
    take: 200,
  });
  return rows.map((r) => r.name);
}
