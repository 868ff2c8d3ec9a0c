import { notFound } from "next/navigation";
import type { z } from "zod";
import { LINK_SORTS, listingParamsSchema, sortUsesTimeFilter, type LinkSort, type TimeFilter } from "@hivemind/core";
import type { ListingPage, ListedThing } from "@hivemind/listings";
import type { PostView } from "@hivemind/domain";
import { lenientParam, param } from "./format";

/**
 * What a listing page's URL asks for, as reddit spells it: the sort in the path (`/r/x/top/`) or,
 * on user pages, in `?sort=`; the time filter in `?t=` (top and controversial only); the cursor in
 * `?after=t3_…` / `?before=t3_…`. Parsed with the API's own listing parameter schema; a malformed
 * value falls back to the default, as reddit's pages do.
 */
export interface ListingUrl {
  sort: LinkSort;
  t: TimeFilter;
  after?: string | undefined;
  before?: string | undefined;
  limit?: number | undefined;
}

/** The sort tabs, hot first (old reddit's order). */
export const SORT_TABS: readonly LinkSort[] = ["hot", "new", "rising", "top", "controversial"];
/** A user's listings have no rising. */
export const USER_SORT_TABS: readonly LinkSort[] = ["hot", "new", "top", "controversial"];

export const TIME_FILTER_LABELS: readonly { t: TimeFilter; label: string }[] = [
  { t: "hour", label: "past hour" },
  { t: "day", label: "past 24 hours" },
  { t: "week", label: "past week" },
  { t: "month", label: "past month" },
  { t: "year", label: "past year" },
  { t: "all", label: "all time" },
];

/** A sort named in the path, or the 404 page. */
export function sortOr404(raw: string | undefined, allowed: readonly LinkSort[] = SORT_TABS): LinkSort {
  const sort = (LINK_SORTS as readonly string[]).find((s) => s === raw?.toLowerCase());
  if (!sort || !allowed.includes(sort as LinkSort)) notFound();
  return sort as LinkSort;
}

export function listingUrl(sort: LinkSort, sp: Record<string, string | string[] | undefined>): ListingUrl {
  const field = <T>(schema: z.ZodType<T>, k: string): T | undefined => lenientParam(schema, sp, k);
  const s = listingParamsSchema.shape;
  return { sort, t: sortUsesTimeFilter(sort) ? (field(s.t, "t") ?? "all") : "all", after: field(s.after, "after"), before: field(s.before, "before"), limit: param(sp.limit) === undefined ? undefined : field(s.limit, "limit") };
}

/** Builds a listing's links: its path for a sort, plus the query (t, cursor). */
export interface ListingLinks {
  /** Path of the listing under `sort` (the sort may also go in the query: user pages). */
  path(sort: LinkSort): string;
  /** Query parameters the sort needs besides t (user pages: sort=…). */
  query?(sort: LinkSort): Record<string, string>;
}

export function listingHref(links: ListingLinks, sort: LinkSort, extra: { t?: TimeFilter | undefined; after?: string | null; before?: string | null; limit?: number | undefined } = {}): string {
  const q = new URLSearchParams(links.query?.(sort) ?? {});
  if (sortUsesTimeFilter(sort) && extra.t) q.set("t", extra.t);
  if (extra.limit !== undefined) q.set("limit", String(extra.limit));
  if (extra.after) q.set("after", extra.after);
  if (extra.before) q.set("before", extra.before);
  const s = q.toString();
  return s ? `${links.path(sort)}?${s}` : links.path(sort);
}

/** The page's posts (a link listing holds only t3s). */
export function postsOf(page: ListingPage): PostView[] {
  return page.items.filter((i): i is Extract<ListedThing, { kind: "t3" }> => i.kind === "t3").map((i) => i.view);
}
