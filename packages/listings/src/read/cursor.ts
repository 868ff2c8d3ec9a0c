import { compareRanked, parseFullname, PAGE_DEFAULT, PAGE_MAX } from "@hivemind/core";
import type { ListingItem } from "./skeleton.js";

/**
 * Paging over a precomputed listing by fullname cursors, as reddit's IDBuilder does over a
 * CachedQuery: the listing is read whole, `after=X` starts right below X's *current* position,
 * `before=X` ends right above it. Pure.
 *
 * When scores change between two page reads, the next page starts below where the cursor item is
 * now: an item that climbed from below the cursor to above it is not shown on the next page, and
 * one that fell from above it to below shows a second time. When the cursor item has left the
 * listing (removed, aged out of a time window, pushed past the 1000 cap) the caller may give its
 * current sort value (`cursorValue`), and the page starts where that value would sit; without one
 * the page is empty, as on reddit.
 */

export interface PageRequest {
  after?: string | undefined;
  before?: string | undefined;
  limit?: number | undefined;
}

/** The limit a request asks for: 25 by default, clamped to 1..100. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return PAGE_DEFAULT;
  return Math.min(PAGE_MAX, Math.max(1, Math.trunc(limit)));
}

/** Which way a page walks the listing, and from where. */
export interface PageWindow {
  direction: "forward" | "backward";
  /**
   * forward: index of the first item of the page; backward: index one past the page's last item
   * (the page is the items just above it).
   */
  from: number;
  /** Whether a cursor was given (a cursor page always links back the way it came). */
  cursor: "after" | "before" | null;
}

function idOf(fullname: string): bigint | undefined {
  try {
    return parseFullname(fullname, ["t1", "t3"], "after").id;
  } catch {
    return undefined;
  }
}

/** Index of the first item that ranks strictly below (value, fullname). */
export function indexBelow(items: readonly ListingItem[], value: number, fullname: string): number {
  const id = idOf(fullname) ?? 0n;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const it = items[mid] as ListingItem;
    if (compareRanked({ value: it.sort, id: idOf(it.fullname) ?? 0n }, { value, id }) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Where a page starts. `cursorValue(fullname)` is asked only when the cursor item is not in the
 * listing; it returns its current sort value, or undefined (then the page is empty).
 */
export async function pageWindow(
  items: readonly ListingItem[],
  req: PageRequest,
  cursorValue?: (fullname: string) => Promise<number | undefined>,
): Promise<PageWindow> {
  const cursor = req.after ? "after" : req.before ? "before" : null;
  const name = req.after || req.before;
  if (cursor === null || !name) return { direction: "forward", from: 0, cursor: null };
  const direction = cursor === "after" ? "forward" : "backward";
  const at = items.findIndex((i) => i.fullname === name);
  if (at >= 0) return { direction, from: cursor === "after" ? at + 1 : at, cursor };
  const value = cursorValue ? await cursorValue(name) : undefined;
  if (value === undefined) return { direction, from: direction === "forward" ? items.length : 0, cursor };
  // Not in the listing: the page starts where an item with that value would sit.
  return { direction, from: indexBelow(items, value, name), cursor };
}

/** The next `n` listing positions from where the window has got to, in walking order. */
export function takePositions(items: readonly ListingItem[], w: PageWindow, taken: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = w.direction === "forward" ? w.from + taken + k : w.from - 1 - taken - k;
    if (i < 0 || i >= items.length) break;
    out.push(i);
  }
  return out;
}

/**
 * The page's cursors from the positions it covered (listing order, lowest index first): `after`
 * when items exist below the page; `before` when the page was reached by a cursor and items exist
 * above it (the first page has none, as on reddit).
 */
export function pageCursors(items: readonly ListingItem[], w: PageWindow, covered: { first: number; last: number } | null): { after: string | null; before: string | null } {
  // Nothing on this page (walked past an end): no cursors; the reader starts again at the top.
  if (covered === null) return { after: null, before: null };
  const moreBelow = covered.last < items.length - 1;
  const moreAbove = covered.first > 0;
  return {
    after: moreBelow ? (items[covered.last]?.fullname ?? null) : null,
    before: w.cursor !== null && moreAbove ? (items[covered.first]?.fullname ?? null) : null,
  };
}
