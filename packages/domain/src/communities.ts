import { inTransaction, Prisma, type Community, type Deps } from "@hivemind/db";
import { NotFoundError, ValidationError, nameKey, type Viewer } from "@hivemind/core";
import { requireModerator } from "./permissions.js";

type Svc = Pick<Deps, "db" | "ids" | "now">;

export interface CommunitySettings {
  title?: string | undefined;
  description?: string | undefined;
  publicDescription?: string | undefined;
}

function exists(): ValidationError {
  // 400, not 409: PRAW raises RedditAPIException (as for reddit's form error) only for a 400 with a reason.
  return new ValidationError("that subreddit already exists", { code: "SUBREDDIT_EXISTS", field: "name" });
}

export function findCommunityByName(svc: Pick<Svc, "db">, name: string): Promise<Community | null> {
  return svc.db.community.findUnique({ where: { nameLower: nameKey(name) } });
}

/**
 * Creates a community; its creator becomes its first moderator and
 * subscriber, all in one transaction. Names are unique case-insensitively
 * (the unique index on name_lower settles races).
 */
export async function createCommunity(svc: Svc, actor: Viewer, input: { name: string } & CommunitySettings): Promise<Community> {
  const now = new Date(svc.now());
  try {
    return await inTransaction(svc, async (tx) => {
      if (await tx.community.findUnique({ where: { nameLower: nameKey(input.name) }, select: { id: true } })) throw exists();
      const community = await tx.community.create({
        data: {
          id: svc.ids.next(),
          name: input.name,
          nameLower: nameKey(input.name),
          title: input.title || input.name,
          description: input.description ?? "",
          publicDescription: input.publicDescription ?? "",
          creatorId: actor.userId,
          subscribers: 1,
          createdAt: now,
        },
      });
      await tx.moderator.create({ data: { communityId: community.id, userId: actor.userId, addedBy: actor.userId, createdAt: now } });
      await tx.subscription.create({ data: { communityId: community.id, userId: actor.userId, createdAt: now } });
      return community;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw exists();
    throw err;
  }
}

/** Changes title and descriptions; moderators (and site admins) only. */
export async function updateCommunity(svc: Svc, actor: Viewer, communityId: bigint, settings: CommunitySettings): Promise<Community> {
  return inTransaction(svc, async (tx) => {
    const community = await tx.community.findUnique({ where: { id: communityId } });
    if (!community) throw new NotFoundError("that subreddit doesn't exist", { code: "SUBREDDIT_NOEXIST", field: "sr" });
    await requireModerator(tx, actor, community.id);
    return tx.community.update({
      where: { id: community.id },
      data: {
        ...(settings.title ? { title: settings.title } : {}),
        ...(settings.description !== undefined ? { description: settings.description } : {}),
        ...(settings.publicDescription !== undefined ? { publicDescription: settings.publicDescription } : {}),
      },
    });
  });
}

export interface ViewerRelation {
  isSubscriber: boolean;
  isModerator: boolean;
  isBanned: boolean;
}

const NO_RELATION: ViewerRelation = { isSubscriber: false, isModerator: false, isBanned: false };

/** The viewer's relation to one community: viewerRelations for a list of one. */
export async function viewerRelation(svc: Pick<Svc, "db" | "now">, actor: Viewer | null, community: Community): Promise<ViewerRelation> {
  return (await viewerRelations(svc, actor, [community])).get(community.id) ?? { ...NO_RELATION };
}

/**
 * The communities named by fullname ids or by names; every one must exist
 * (SUBREDDIT_NOEXIST naming `field` otherwise).
 */
export async function resolveCommunities(svc: Pick<Svc, "db">, ref: { ids: bigint[]; names: string[] }, field: string): Promise<Community[]> {
  const rows = await svc.db.community.findMany({
    where: { OR: [{ id: { in: ref.ids } }, { nameLower: { in: ref.names.map(nameKey) } }] },
  });
  const foundIds = new Set(rows.map((r) => r.id));
  const foundNames = new Set(rows.map((r) => r.nameLower));
  const missing = ref.ids.some((id) => !foundIds.has(id)) || ref.names.some((n) => !foundNames.has(nameKey(n)));
  if (missing) throw new ValidationError("that subreddit doesn't exist", { code: "SUBREDDIT_NOEXIST", field });
  return rows;
}

/**
 * Subscribes to or unsubscribes from communities in one transaction. The
 * subscriber count moves by exactly the rows inserted or deleted (INSERT … ON
 * CONFLICT DO NOTHING, DELETE), as a relative update: repeats and concurrent
 * requests never drift it.
 */
export async function setSubscriptions(svc: Svc, actor: Viewer, action: "sub" | "unsub", communities: Community[]): Promise<void> {
  const now = new Date(svc.now());
  await inTransaction(svc, async (tx) => {
    for (const c of communities) {
      if (action === "sub") {
        const { count } = await tx.subscription.createMany({ data: [{ userId: actor.userId, communityId: c.id, createdAt: now }], skipDuplicates: true });
        if (count > 0) await tx.community.update({ where: { id: c.id }, data: { subscribers: { increment: count } } });
      } else {
        const { count } = await tx.subscription.deleteMany({ where: { userId: actor.userId, communityId: c.id } });
        if (count > 0) await tx.community.update({ where: { id: c.id }, data: { subscribers: { decrement: count } } });
      }
    }
  });
}

export interface CommunityPage {
  communities: Community[];
  /** id of the last community when there may be more */
  after: bigint | null;
  before: bigint | null;
}

/** The caller's subscriptions or moderatorships, by community id, paged with after/before. */
export async function myCommunities(
  svc: Pick<Svc, "db">,
  actor: Viewer,
  role: "subscriber" | "moderator",
  page: CommunityPageRequest,
): Promise<CommunityPage> {
  const mine: Prisma.CommunityWhereInput =
    role === "subscriber" ? { subscriptions: { some: { userId: actor.userId } } } : { moderators: { some: { userId: actor.userId } } };
  const backwards = page.before !== undefined && page.after === undefined;
  const cursor: Prisma.CommunityWhereInput =
    page.after !== undefined ? { id: { gt: page.after } } : page.before !== undefined ? { id: { lt: page.before } } : {};
  const rows = await svc.db.community.findMany({
    where: { AND: [mine, cursor] },
    orderBy: { id: backwards ? "desc" : "asc" },
    take: page.limit + 1,
  });
  return communityPageOf(rows, page, backwards);
}

/** A page of communities within t5 cursors, from up to limit + 1 rows read in the page's direction. */
export interface CommunityPageRequest {
  limit: number;
  after?: bigint | undefined;
  before?: bigint | undefined;
}

/** The page and its cursors from `limit + 1` rows read forwards (or backwards, for `before`). */
export function communityPageOf(rows: Community[], page: CommunityPageRequest, backwards: boolean): CommunityPage {
  const more = rows.length > page.limit;
  const communities = rows.slice(0, page.limit);
  if (backwards) communities.reverse();
  const first = communities[0]?.id ?? null;
  const last = communities.at(-1)?.id ?? null;
  return {
    communities,
    after: backwards ? (communities.length > 0 ? last : null) : more ? last : null,
    before: backwards ? (more ? first : null) : page.after !== undefined ? first : null,
  };
}

/** viewerRelation for many communities in three queries (listing pages). */
export async function viewerRelations(svc: Pick<Svc, "db" | "now">, actor: Viewer | null, communities: Community[]): Promise<Map<bigint, ViewerRelation>> {
  const out = new Map<bigint, ViewerRelation>();
  if (!actor) return out;
  const ids = communities.map((c) => c.id);
  const [subs, mods, bans] = await Promise.all([
    svc.db.subscription.findMany({ where: { userId: actor.userId, communityId: { in: ids } }, select: { communityId: true } }),
    svc.db.moderator.findMany({ where: { userId: actor.userId, communityId: { in: ids } }, select: { communityId: true } }),
    svc.db.ban.findMany({ where: { userId: actor.userId, communityId: { in: ids } }, select: { communityId: true, expiresAt: true } }),
  ]);
  const subbed = new Set(subs.map((s) => s.communityId));
  const modded = new Set(mods.map((m) => m.communityId));
  const banned = new Set(bans.filter((b) => b.expiresAt === null || b.expiresAt.getTime() > svc.now()).map((b) => b.communityId));
  // A ban in force outranks a moderator row (permissions.ts isModerator).
  for (const id of ids) out.set(id, { isSubscriber: subbed.has(id), isModerator: actor.isAdmin || (modded.has(id) && !banned.has(id)), isBanned: banned.has(id) });
  return out;
}
