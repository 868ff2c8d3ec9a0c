import type { Prisma } from "@hivemind/db";
import { NotFoundError } from "@hivemind/core";
import { communityPageOf, type CommunityPage, type CommunityPageRequest } from "../communities.js";
import type { Reader } from "../things.js";

/** The directory's orders: most subscribers first (ties: oldest first), or newest first. */
export type CommunityOrder = "popular" | "new";

/**
 * The community directory (reddit's /subreddits/popular and /subreddits/new), paged by t5
 * cursors. A popular page's cursor is placed by its community's subscriber count when the page is
 * read, so a community whose count moves between two pages may show on both or neither.
 */
export async function browseCommunities(db: Reader, order: CommunityOrder, page: CommunityPageRequest): Promise<CommunityPage> {
  const backwards = page.before !== undefined && page.after === undefined;
  const at = page.after ?? page.before;
  const forward: Prisma.CommunityOrderByWithRelationInput[] = order === "new" ? [{ id: "desc" }] : [{ subscribers: "desc" }, { id: "asc" }];
  const orderBy = backwards ? forward.map(flip) : forward;
  const rows = await db.community.findMany({ where: at === undefined ? {} : await beyond(db, order, at, backwards), orderBy, take: page.limit + 1 });
  return communityPageOf(rows, page, backwards);
}

/** Communities past the cursor community `at` in the order (before it, when `backwards`). */
async function beyond(db: Reader, order: CommunityOrder, at: bigint, backwards: boolean): Promise<Prisma.CommunityWhereInput> {
  if (order === "new") return { id: backwards ? { gt: at } : { lt: at } };
  const cursor = await db.community.findUnique({ where: { id: at }, select: { subscribers: true } });
  if (!cursor) throw new NotFoundError("the community named by the cursor does not exist", { field: backwards ? "before" : "after" });
  const s = cursor.subscribers;
  return backwards
    ? { OR: [{ subscribers: { gt: s } }, { subscribers: s, id: { lt: at } }] }
    : { OR: [{ subscribers: { lt: s } }, { subscribers: s, id: { gt: at } }] };
}

function flip(o: Prisma.CommunityOrderByWithRelationInput): Prisma.CommunityOrderByWithRelationInput {
  const [[key, dir]] = Object.entries(o) as [[string, "asc" | "desc"]];
  return { [key]: dir === "asc" ? "desc" : "asc" };
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
