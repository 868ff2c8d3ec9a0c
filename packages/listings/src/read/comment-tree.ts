import { NotFoundError, commentSortValues, formatFullname, minIdForTime, parseFullname, type CommentSort, type Viewer } from "@hivemind/core";
import { buildRankedTree, focusedRows, hydrateComments, type CommentView, type TreeChild, type TreeShape } from "@hivemind/domain";
import type { CommentStore, ListingSource } from "../store/types.js";
import type { PipelineDeps } from "./pipeline.js";
import { localCopiesFor } from "./thing-cache.js";

/**
 * A post's comment page through the same stages as a listing:
 *
 *   skeleton  the post's comment order under the sort and its tree (parent, depth), from the
 *             comment store (Redis → Cassandra → Postgres), plus the comments newer than the
 *             stored tree (one indexed range query on the post's newest ids: what the comments
 *             consumer has not written yet, so an author sees their reply at once)
 *   choose    reddit's CommentBuilder walk over ids and values only (domain buildRankedTree)
 *   hydrate   only the chosen comments, from the thing cache (misses from Postgres), and the
 *             viewer's votes and moderation fields
 *   present   by the caller (reddit's tree JSON, or the page's view)
 *
 * Removed and deleted comments stay in the tree (shown as placeholders) so replies keep their place.
 */
export interface CommentTreeQuery {
  sort: CommentSort;
  limit: number;
  depth: number;
  /** Show this comment and its replies (a comment permalink, "continue this thread"). */
  focus?: bigint | undefined;
  /** With focus: how many of its ancestors to show above it. */
  context?: number | undefined;
}

export interface CommentTreePage {
  tree: TreeChild<CommentView>[];
  source: ListingSource;
}

/** Comments created this long before the stored tree's newest are checked again (clock skew between writers). */
const TAIL_SLACK_MS = 10_000;

type Shape = TreeShape & { fullname: string };

function shapeOf(fullname: string, parent: string | null, depth: number): Shape {
  return { fullname, id: parseFullname(fullname, ["t1"], "comment").id, parentId: parent === null ? null : parseFullname(parent, ["t1"], "parent").id, depth };
}

export async function readCommentTree(deps: PipelineDeps, store: Pick<CommentStore, "read" | "readTree">, actor: Viewer | null, postId: bigint, q: CommentTreeQuery): Promise<CommentTreePage> {
  const post = formatFullname("t3", postId);
  const [order, stored] = await Promise.all([store.read(post, q.sort), store.readTree(post)]);
  const rows: Shape[] = stored.nodes.map((n) => shapeOf(n.fullname, n.parent, n.depth));
  const value = new Map<bigint, number>();
  for (const item of order.items) value.set(parseFullname(item.fullname, ["t1"], "comment").id, item.sort);

  // The tail the store has not caught up with yet (usually none).
  const newest = stored.nodes.reduce((m, n) => Math.max(m, n.ts), 0);
  const known = new Set(rows.map((r) => r.id));
  const tail = await deps.db.comment.findMany({
    where: { postId, id: { gte: newest === 0 ? 0n : minIdForTime(Math.max(0, newest - TAIL_SLACK_MS)) } },
    select: { id: true, parentId: true, depth: true, ups: true, downs: true, createdAt: true },
  });
  const sortKey = q.sort === "qa" ? "confidence" : q.sort;
  for (const c of tail) {
    if (!value.has(c.id)) value.set(c.id, commentSortValues({ ups: c.ups, downs: c.downs, createdMs: c.createdAt.getTime() })[sortKey]);
    if (known.has(c.id)) continue;
    rows.push({ fullname: formatFullname("t1", c.id), id: c.id, parentId: c.parentId, depth: c.depth });
  }
  // A comment in the tree but not yet in the order (the two are written together; a reader can see one before the other) ranks last.
  for (const r of rows) if (!value.has(r.id)) value.set(r.id, Number.NEGATIVE_INFINITY);

  let tree: TreeChild<Shape>[];
  if (q.focus !== undefined) {
    const part = focusedRows(rows, q.focus, q.context ?? 0);
    if (!part) throw new NotFoundError("that comment doesn't exist in this post", { field: "comment" });
    tree = buildRankedTree(part.rows, value, { limit: q.limit, maxDepth: q.depth + part.ancestors, rootIds: [part.rootId] });
  } else {
    tree = buildRankedTree(rows, value, { limit: q.limit, maxDepth: q.depth });
  }

  const chosen: string[] = [];
  const collect = (nodes: readonly TreeChild<Shape>[]) => {
    for (const n of nodes) {
      if (n.type !== "comment") continue;
      chosen.push(n.item.fullname);
      collect(n.children);
    }
  };
  collect(tree);
  const loaded = await deps.things.load(chosen, undefined, localCopiesFor(actor));
  const views = await hydrateComments(deps.db, actor, [...loaded.comments.values()].filter((r) => r.postId === postId));
  const byId = new Map(views.map((v) => [v.row.id, v]));
  const toViews = (nodes: readonly TreeChild<Shape>[]): TreeChild<CommentView>[] =>
    nodes.flatMap((n): TreeChild<CommentView>[] => {
      if (n.type === "more") return [n];
      const view = byId.get(n.item.id);
      // Gone from Postgres since the tree was stored: left out with its replies.
      return view ? [{ type: "comment", item: view, children: toViews(n.children) }] : [];
    });
  return { tree: toViews(tree), source: order.source === "postgres" || stored.source === "postgres" ? "postgres" : order.source === "cassandra" || stored.source === "cassandra" ? "cassandra" : "redis" };
}

/** A comment store that computes every read from Postgres (tests and tools that run no comments consumer). */
export function postgresCommentReader(store: CommentStore): Pick<CommentStore, "read" | "readTree"> {
  return {
    async read(post, sort) {
      return { items: (await store.computeFromPostgres(post)).orders[sort], source: "postgres" };
    },
    async readTree(post) {
      return { nodes: (await store.computeFromPostgres(post)).tree, source: "postgres" };
    },
  };
}
