import type { Prisma } from "@hivemind/db";
import { NotFoundError, nameKey } from "@hivemind/core";
import { communityPageOf, type CommunityPage, type CommunityPageRequest } from "../communities.js";
import type { Reader } from "../things.js";

/** The directory's orders: most subscribers first (ties: oldest first), or newest first. */
export type CommunityOrder = "popular" | "new";

/**
 * The community directory (reddit's /subreddits/popular and /subreddits/new), paged by t5
 * cursors. A popular page's cursor is placed by its community's subscriber count when the page is
 * read, so a community whose count moves between two pages may show on both or neither.
 */
export async function browseCommunities(db: Reader, order: CommunityOrder, page: CommunityPageRequest, query?: string): Promise<CommunityPage> {
  const backwards = page.before !== undefined && page.after === undefined;
  const at = page.after ?? page.before;
  const forward: Prisma.CommunityOrderByWithRelationInput[] = order === "new" ? [{ id: "desc" }] : [{ subscribers: "desc" }, { id: "asc" }];
  const orderBy = backwards ? forward.map(flip) : forward;
  const where: Prisma.CommunityWhereInput[] = [];
  if (query !== undefined) where.push(matching(query));
  if (at !== undefined) where.push(await beyond(db, order, at, backwards));
  const rows = await db.community.findMany({ where: { AND: where }, orderBy, take: page.limit + 1 });
  return communityPageOf(rows, page, backwards);
}

/** Communities a search names (reddit's /subreddits/search): the name begins with it, or the title or blurb holds it. */
function matching(query: string): Prisma.CommunityWhereInput {
  const q = query.trim();
  return {
    OR: [{ nameLower: { startsWith: nameKey(q) } }, { title: { contains: q, mode: "insensitive" } }, { publicDescription: { contains: q, mode: "insensitive" } }],
  };
}

/** The names of communities beginning with `query` (exact: only that name), most subscribed first, at most 10 (reddit's search_reddit_names). */
export async function communityNamesStartingWith(db: Reader, query: string, exact: boolean): Promise<string[]> {
  const key = nameKey(query.trim());
  const rows = await db.community.findMany({
    where: exact ? { nameLower: key } : { nameLower: { startsWith: key } },
    orderBy: [{ subscribers: "desc" }, { id: "asc" }],
    select: { name: true },
    take: 10,
  });
  return rows.map((r) => r.name);
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
