import type { VoteDir, Viewer } from "@hivemind/core";
import { findViewerFacts, type Comment, type Post, type Prisma } from "@hivemind/db";
import type { Reader } from "./things.js";

/**
 * Hydration: rows plus what the viewer needs to see them (their vote, saved, hidden) and, in
 * communities the viewer moderates, the moderation fields. Batched: a fixed number of queries
 * per call, whatever the number of things.
 */

export const postInclude = {
  community: { select: { name: true } },
  author: { select: { name: true } },
} satisfies Prisma.PostInclude;

export const commentInclude = {
  community: { select: { name: true } },
  author: { select: { name: true } },
  post: { select: { authorId: true, title: true, url: true, kind: true, locked: true, over18: true, author: { select: { name: true } } } },
} satisfies Prisma.CommentInclude;

export type PostRow = Post & { community: { name: string }; author: { name: string } };
export type CommentRow = Comment & {
  community: { name: string };
  author: { name: string };
  post: { authorId: bigint; title: string; url: string | null; kind: string; locked: boolean; over18: boolean; author: { name: string } };
};


export interface ViewerState {
  vote: VoteDir;
  saved: boolean;
  hidden: boolean;
}

/** Present only when the viewer moderates the thing's community. */
export interface ModState {
  removedBy: string | null;
  approvedBy: string | null;
  /** [reason, count] of unresolved reports. */
  reports: [string, number][];
}

export interface PostView {
  row: PostRow;
  viewer: ViewerState;
  mod: ModState | null;
}

export interface CommentView {
  row: CommentRow;
  viewer: ViewerState;
  mod: ModState | null;
}

const NOBODY: ViewerState = { vote: 0, saved: false, hidden: false };

/**
 * What the viewer brings to these things: their vote, saved and hidden on `ids`, and the
 * communities among `communityIds` they moderate and are not banned from (all of them for a site
 * admin). One query (findViewerFacts), not five: every logged-in listing read asks.
 */
async function viewerFacts(
  db: Reader,
  actor: Viewer | null,
  ids: readonly bigint[],
  communityIds: readonly bigint[],
  now: number = Date.now(),
): Promise<{ states: Map<bigint, ViewerState>; moderated: Set<bigint> }> {
  const states = new Map<bigint, ViewerState>();
  if (!actor || (ids.length === 0 && communityIds.length === 0)) return { states, moderated: new Set() };
  const rows = await findViewerFacts(db, actor.userId, ids, actor.isAdmin ? [] : communityIds, new Date(now));
  const state = (id: bigint) => {
    let s = states.get(id);
    if (!s) states.set(id, (s = { ...NOBODY }));
    return s;
  };
  const moderates = new Set<bigint>();
  const banned = new Set<bigint>();
  for (const r of rows) {
    const id = r.id;
    if (r.k === "v") state(id).vote = Math.sign(r.dir) as VoteDir;
    else if (r.k === "s") state(id).saved = true;
    else if (r.k === "h") state(id).hidden = true;
    else if (r.k === "m") moderates.add(id);
    else banned.add(id);
  }
  const moderated = actor.isAdmin ? new Set(communityIds) : new Set([...moderates].filter((id) => !banned.has(id)));
  return { states, moderated };
}

type ModRow = { id: bigint; communityId: bigint; removedBy: bigint | null; approvedBy: bigint | null };

async function modStates(db: Reader, rows: ModRow[]): Promise<Map<bigint, ModState>> {
  const out = new Map<bigint, ModState>();
  if (rows.length === 0) return out;
  const userIds = [...new Set(rows.flatMap((r) => [r.removedBy, r.approvedBy]).filter((x): x is bigint => x !== null))];
  const [users, reports] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    db.report.groupBy({
      by: ["thingId", "reason"],
      where: { thingId: { in: rows.map((r) => r.id) }, resolvedAt: null },
      _count: { _all: true },
    }),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  for (const r of rows) {
    out.set(r.id, {
      removedBy: r.removedBy === null ? null : (names.get(r.removedBy) ?? null),
      approvedBy: r.approvedBy === null ? null : (names.get(r.approvedBy) ?? null),
      reports: [],
    });
  }
  for (const rep of reports) out.get(rep.thingId)?.reports.push([rep.reason, rep._count._all]);
  return out;
}

async function hydrate<R extends ModRow>(db: Reader, actor: Viewer | null, rows: R[]) {
  const { states, moderated } = await viewerFacts(db, actor, rows.map((r) => r.id), [...new Set(rows.map((r) => r.communityId))]);
  const mod = await modStates(db, rows.filter((r) => moderated.has(r.communityId)));
  return rows.map((row) => ({ row, viewer: states.get(row.id) ?? { ...NOBODY }, mod: mod.get(row.id) ?? null }));
}

export function hydratePosts(db: Reader, actor: Viewer | null, rows: PostRow[]): Promise<PostView[]> {
  return hydrate(db, actor, rows);
}

export function hydrateComments(db: Reader, actor: Viewer | null, rows: CommentRow[]): Promise<CommentView[]> {
  return hydrate(db, actor, rows);
}

/** Posts by id, hydrated, in the order of `ids` (missing ones left out). */
export async function loadPostViews(db: Reader, actor: Viewer | null, ids: bigint[]): Promise<PostView[]> {
  if (ids.length === 0) return [];
  const rows = await db.post.findMany({ where: { id: { in: ids } }, include: postInclude });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hydratePosts(db, actor, ids.map((id) => byId.get(id)).filter((r): r is PostRow => r !== undefined));
}

/** Comments by id, hydrated, in the order of `ids` (missing ones left out). */
export async function loadCommentViews(db: Reader, actor: Viewer | null, ids: bigint[]): Promise<CommentView[]> {
  if (ids.length === 0) return [];
  const rows = await db.comment.findMany({ where: { id: { in: ids } }, include: commentInclude });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return hydrateComments(db, actor, ids.map((id) => byId.get(id)).filter((r): r is CommentRow => r !== undefined));
}

export type ThingView = { kind: "t3"; view: PostView } | { kind: "t1"; view: CommentView };

/** Posts and comments by kind and id, hydrated, in the order given (missing ones left out). */
export async function loadThingViews(db: Reader, actor: Viewer | null, refs: readonly { kind: "t1" | "t3"; id: bigint }[]): Promise<ThingView[]> {
  const [posts, comments] = await Promise.all([
    loadPostViews(db, actor, refs.filter((r) => r.kind === "t3").map((r) => r.id)),
    loadCommentViews(db, actor, refs.filter((r) => r.kind === "t1").map((r) => r.id)),
  ]);
  const postById = new Map(posts.map((v) => [v.row.id, v]));
  const commentById = new Map(comments.map((v) => [v.row.id, v]));
  const out: ThingView[] = [];
  for (const r of refs) {
    if (r.kind === "t3") {
      const view = postById.get(r.id);
      if (view) out.push({ kind: "t3", view });
    } else {
      const view = commentById.get(r.id);
      if (view) out.push({ kind: "t1", view });
    }
  }
  return out;
}
