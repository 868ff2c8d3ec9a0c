import { type Deps, inTransaction, type Prisma } from "@hivemind/db";
import { ForbiddenError, NotFoundError, formatFullname, nameKey, parseFullname, type Viewer, KIND_COMMENT, KIND_POST } from "@hivemind/core";
import { parseFullnameList, requireThing, rowOf, tableKindOf, type Reader } from "./things.js";
import { loadThingViews, type ThingView } from "./hydrate.js";

/**
 * Saved and hidden: per-user marks, idempotent (saving twice keeps one row, unsaving what is not
 * saved is fine). They are the viewer's own state, so they emit no events.
 */

export async function saveThing(deps: Deps, actor: Viewer, input: { id: string }): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const thing = await requireThing(tx, input.id, "id");
    await tx.saved.createMany({
      data: [{ userId: actor.userId, thingId: rowOf(thing).id, kind: tableKindOf(thing), createdAt: new Date(deps.now()) }],
      skipDuplicates: true,
    });
  });
}

export async function unsaveThing(deps: Deps, actor: Viewer, input: { id: string }): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const thing = await requireThing(tx, input.id, "id");
    await tx.saved.deleteMany({ where: { userId: actor.userId, thingId: rowOf(thing).id } });
  });
}

/** reddit hides posts only; `ids` is a comma list of at most 50 t3 fullnames, all of which must exist. */
export const HIDE_MAX = 50;

async function requirePosts(tx: Prisma.TransactionClient, ids: string): Promise<bigint[]> {
  const wanted = parseFullnameList(ids, ["t3"], "id", HIDE_MAX).map((f) => f.id);
  const found = await tx.post.findMany({ where: { id: { in: wanted } }, select: { id: true } });
  if (found.length !== wanted.length) {
    const have = new Set(found.map((p) => p.id));
    const missing = wanted.find((id) => !have.has(id)) as bigint;
    throw new NotFoundError(`${formatFullname("t3", missing)} does not exist`, { field: "id" });
  }
  return wanted;
}

export async function hidePosts(deps: Deps, actor: Viewer, input: { ids: string }): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const ids = await requirePosts(tx, input.ids);
    const createdAt = new Date(deps.now());
    await tx.hidden.createMany({ data: ids.map((thingId) => ({ userId: actor.userId, thingId, kind: KIND_POST, createdAt })), skipDuplicates: true });
  });
}

export async function unhidePosts(deps: Deps, actor: Viewer, input: { ids: string }): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const ids = await requirePosts(tx, input.ids);
    await tx.hidden.deleteMany({ where: { userId: actor.userId, thingId: { in: ids } } });
  });
}

export interface MarkPage {
  items: { kind: "t1" | "t3"; id: bigint }[];
  after: string | null;
  before: string | null;
}

export interface MarkPageQuery {
  limit: number;
  after?: string | undefined;
  before?: string | undefined;
}

/** The per-user lists only their owner may see: marks (saved, hidden) and votes on posts. */
export type MarkList = "saved" | "hidden" | "upvoted" | "downvoted";

/** Only the owner sees their saved, hidden and voted lists. */
function requireOwner(actor: Viewer, name: string): void {
  if (nameKey(name) !== nameKey(actor.name)) throw new ForbiddenError("you can only see your own saved, hidden, upvoted and downvoted things", { field: "name" });
}

type MarkRow = { thingId: bigint; kind: number; createdAt: Date };
type MarkOrder = "asc" | "desc";
type MarkCursor = { OR: ({ at: { lt?: Date; gt?: Date } } | { at: Date; thingId: { lt?: bigint; gt?: bigint } })[] } | undefined;

/** The cursor as a where clause on the list's time column. */
function cursorWhere<C extends "createdAt" | "updatedAt">(column: C, c: MarkCursor) {
  return c ? { OR: c.OR.map((x) => ("thingId" in x ? { [column]: x.at, thingId: x.thingId } : { [column]: x.at })) } : {};
}

/**
 * Where each list's rows are: saves and hides by when they were marked; votes (posts only, as on
 * reddit) by when the vote was last cast. `at` stands for that time in cursors.
 */
function markSource(db: Reader, userId: bigint, which: MarkList) {
  if (which === "saved" || which === "hidden") {
    const key = (thingId: bigint) => ({ userId_thingId: { userId, thingId } });
    return {
      find: async (thingId: bigint): Promise<Date | undefined> =>
        (which === "saved" ? await db.saved.findUnique({ where: key(thingId) }) : await db.hidden.findUnique({ where: key(thingId) }))?.createdAt,
      page: (cursor: MarkCursor, dir: MarkOrder, take: number): Promise<MarkRow[]> => {
        const args = { where: { userId, ...cursorWhere("createdAt", cursor) }, orderBy: [{ createdAt: dir }, { thingId: dir }], take };
        return which === "saved" ? db.saved.findMany(args) : db.hidden.findMany(args);
      },
    };
  }
  const vote = { userId, kind: KIND_POST, dir: which === "upvoted" ? 1 : -1 };
  return {
    find: async (thingId: bigint): Promise<Date | undefined> => {
      const row = await db.vote.findUnique({ where: { thingId_userId: { thingId, userId } } });
      return row && row.dir === vote.dir && row.kind === KIND_POST ? row.updatedAt : undefined;
    },
    page: async (cursor: MarkCursor, dir: MarkOrder, take: number): Promise<MarkRow[]> =>
      (await db.vote.findMany({ where: { ...vote, ...cursorWhere("updatedAt", cursor) }, orderBy: [{ updatedAt: dir }, { thingId: dir }], take })).map((v) => ({ thingId: v.thingId, kind: v.kind, createdAt: v.updatedAt })),
  };
}

/**
 * A page of the owner's saved (posts and comments), hidden (posts) or voted-on (posts) things,
 * newest first, with reddit's after/before cursors (fullnames of listed things).
 */
export async function listMarks(db: Reader, actor: Viewer, name: string, which: MarkList, q: MarkPageQuery): Promise<MarkPage> {
  requireOwner(actor, name);
  const source = markSource(db, actor.userId, which);
  const cursorName = q.after ?? q.before;
  const backwards = q.after === undefined && q.before !== undefined;
  const op = backwards ? "gt" : "lt";
  let cursor: MarkCursor;
  if (cursorName !== undefined) {
    const { id } = parseFullname(cursorName, ["t1", "t3"], q.after !== undefined ? "after" : "before");
    const markedAt = await source.find(id);
    if (markedAt) cursor = { OR: [{ at: { [op]: markedAt } }, { at: markedAt, thingId: { [op]: id } }] };
  }
  const rows = await source.page(cursor, backwards ? "asc" : "desc", q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (backwards) page.reverse();
  const items = page.map((r) => ({ kind: r.kind === KIND_COMMENT ? ("t1" as const) : ("t3" as const), id: r.thingId }));
  const fullname = (i: { kind: "t1" | "t3"; id: bigint } | undefined) => (i ? formatFullname(i.kind, i.id) : null);
  return {
    items,
    after: backwards ? (cursorName !== undefined ? fullname(items.at(-1)) : null) : more ? fullname(items.at(-1)) : null,
    before: backwards ? (more ? fullname(items[0]) : null) : cursorName !== undefined ? fullname(items[0]) : null,
  };
}

/** listMarks' page with its things hydrated for the owner (the API's list and the profile's tab). */
export async function listMarkedThings(db: Reader, actor: Viewer, name: string, which: MarkList, q: MarkPageQuery): Promise<{ items: ThingView[]; after: string | null; before: string | null }> {
  const page = await listMarks(db, actor, name, which, q);
  return { items: await loadThingViews(db, actor, page.items), after: page.after, before: page.before };
}
