import { commentSortValues, compareRanked, type CommentSort } from "@hivemind/core";

/**
 * Comment trees, as reddit's CommentBuilder builds them: the best `limit` comments are chosen by
 * walking a priority queue of candidates (the roots first; a chosen comment's replies join the
 * queue), so a strong reply can win over a weak top-level comment. What is not chosen becomes a
 * `more` under its parent (ids of the missing replies, count including their descendants); below
 * `maxDepth` a comment with replies gets reddit's "continue this thread" (`more` with id "_").
 * Pure: rows in, tree out.
 */
/** Where a comment sits: all the tree walk needs besides each comment's sort value. */
export interface TreeShape {
  id: bigint;
  parentId: bigint | null;
  depth: number;
}

export interface TreeRow extends TreeShape {
  ups: number;
  downs: number;
  createdAt: Date;
}

export interface CommentNode<T> {
  type: "comment";
  item: T;
  children: TreeChild<T>[];
}

export interface MoreNode {
  type: "more";
  /** The comment whose replies are missing; null for the post's top level. */
  parentId: bigint | null;
  /** Ids of the missing replies, best first; empty for "continue this thread". */
  children: bigint[];
  /** Missing comments, descendants included; 0 for "continue this thread". */
  count: number;
  /** Depth of the missing replies (stored depth). */
  depth: number;
  continueThread: boolean;
}

export type TreeChild<T> = CommentNode<T> | MoreNode;

export interface TreeOptions {
  sort: CommentSort;
  /** Most comments to show. */
  limit: number;
  /** Levels shown below the roots, the roots being level 0. */
  maxDepth: number;
  /** Start from these comments (morechildren, a comment permalink); default the top level. */
  rootIds?: readonly bigint[];
}

type SortKey = "confidence" | "top" | "new" | "controversial" | "old";

function sortKeyOf(sort: CommentSort): SortKey {
  // q&a needs the OP's replies per question; until it is precomputed it falls back to "best".
  return sort === "qa" ? "confidence" : sort;
}

export function buildCommentTree<T extends TreeRow>(rows: readonly T[], opts: TreeOptions): TreeChild<T>[] {
  const key = sortKeyOf(opts.sort);
  const value = new Map<bigint, number>();
  for (const r of rows) value.set(r.id, commentSortValues({ ups: r.ups, downs: r.downs, createdMs: r.createdAt.getTime() })[key]);
  return buildRankedTree(rows, value, opts);
}

/**
 * The same tree from precomputed sort values (a post's comment order from the comment store):
 * `value` maps each comment to its value under the sort, higher first; `opts.sort` is not used.
 */
export function buildRankedTree<T extends TreeShape>(rows: readonly T[], value: ReadonlyMap<bigint, number>, opts: Omit<TreeOptions, "sort">): TreeChild<T>[] {
  const cmp = (a: T, b: T) => compareRanked({ value: value.get(a.id) ?? 0, id: a.id }, { value: value.get(b.id) ?? 0, id: b.id });

  const byId = new Map(rows.map((r) => [r.id, r]));
  const childrenOf = new Map<bigint | null, T[]>();
  for (const r of rows) {
    const list = childrenOf.get(r.parentId);
    if (list) list.push(r);
    else childrenOf.set(r.parentId, [r]);
  }
  for (const list of childrenOf.values()) list.sort(cmp);

  const descendants = new Map<bigint, number>();
  const countDescendants = (id: bigint): number => {
    const known = descendants.get(id);
    if (known !== undefined) return known;
    // Iterative post-order, so a deep thread cannot overflow the stack.
    const stack: [bigint, boolean][] = [[id, false]];
    while (stack.length > 0) {
      const [cur, done] = stack.pop() as [bigint, boolean];
      const kids = childrenOf.get(cur) ?? [];
      if (done) descendants.set(cur, kids.reduce((n, k) => n + 1 + (descendants.get(k.id) ?? 0), 0));
      else {
        stack.push([cur, true]);
        for (const k of kids) if (!descendants.has(k.id)) stack.push([k.id, false]);
      }
    }
    return descendants.get(id) ?? 0;
  };

  const roots = (opts.rootIds ? opts.rootIds.map((id) => byId.get(id)).filter((r): r is T => r !== undefined) : (childrenOf.get(null) ?? [])).slice();
  roots.sort(cmp);
  const baseDepth = roots.reduce((m, r) => Math.min(m, r.depth), Number.POSITIVE_INFINITY);

  // Choose: a queue kept sorted best-first; chosen comments add their replies.
  const chosen = new Set<bigint>();
  const queue: T[] = roots.slice();
  while (queue.length > 0 && chosen.size < opts.limit) {
    const best = queue.shift() as T;
    chosen.add(best.id);
    if (best.depth - baseDepth + 1 >= opts.maxDepth) continue;
    for (const kid of childrenOf.get(best.id) ?? []) {
      let lo = 0;
      let hi = queue.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmp(queue[mid] as T, kid) <= 0) lo = mid + 1;
        else hi = mid;
      }
      queue.splice(lo, 0, kid);
    }
  }

  const more = (parentId: bigint | null, missing: T[], depth: number): MoreNode => ({
    type: "more",
    parentId,
    children: missing.map((m) => m.id),
    count: missing.reduce((n, m) => n + 1 + countDescendants(m.id), 0),
    depth,
    continueThread: false,
  });

  const render = (siblings: readonly T[]): TreeChild<T>[] => {
    const out: TreeChild<T>[] = [];
    const missingByParent = new Map<bigint | null, T[]>();
    for (const s of siblings) {
      if (chosen.has(s.id)) {
        out.push({ type: "comment", item: s, children: renderChildren(s) });
      } else {
        const list = missingByParent.get(s.parentId);
        if (list) list.push(s);
        else missingByParent.set(s.parentId, [s]);
      }
    }
    for (const [parentId, missing] of missingByParent) out.push(more(parentId, missing, (missing[0] as T).depth));
    return out;
  };

  const renderChildren = (node: T): TreeChild<T>[] => {
    const kids = childrenOf.get(node.id) ?? [];
    if (kids.length === 0) return [];
    if (node.depth - baseDepth + 1 >= opts.maxDepth) {
      return [{ type: "more", parentId: node.id, children: [], count: 0, depth: node.depth + 1, continueThread: true }];
    }
    return render(kids);
  };

  return render(roots);
}

/**
 * A comment permalink's part of the tree: the focused comment, everything below it, and up to
 * `context` of its ancestors (only the path down to it). undefined when the comment is not there.
 */
export function focusedRows<T extends TreeShape>(rows: readonly T[], focus: bigint, context: number): { rows: T[]; rootId: bigint; ancestors: number } | undefined {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const target = byId.get(focus);
  if (!target) return undefined;
  let top = target;
  const ancestors = new Set<bigint>();
  for (let i = 0; i < context && top.parentId !== null; i++) {
    const up = byId.get(top.parentId);
    if (!up) break;
    top = up;
    ancestors.add(up.id);
  }
  const below = (r: T): boolean => {
    let cur = r.parentId;
    while (cur !== null) {
      if (cur === focus) return true;
      cur = byId.get(cur)?.parentId ?? null;
    }
    return false;
  };
  return { rows: rows.filter((r) => ancestors.has(r.id) || r.id === focus || below(r)), rootId: top.id, ancestors: ancestors.size };
}

/** The tree in pre-order (parents before their replies), for morechildren's flat list. */
export function flattenTree<T>(tree: readonly TreeChild<T>[]): TreeChild<T>[] {
  const out: TreeChild<T>[] = [];
  const stack = [...tree].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as TreeChild<T>;
    if (node.type === "comment") {
      out.push({ ...node, children: [] });
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as TreeChild<T>);
    } else out.push(node);
  }
  return out;
}
