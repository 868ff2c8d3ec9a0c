import { SEARCH_QUERY_MAX, SEARCH_SORTS, searchParamsSchema, type SearchSort, type TimeFilter } from "@hivemind/core";
import type { Community } from "@hivemind/db";
import { readServices } from "../../server/services";
import { lenientParam, param, type SearchParams } from "../_lib/format";
import { postsOf, TIME_FILTER_LABELS } from "../_lib/listing";
import { currentActor } from "../current-user";
import { CursorPager } from "./listing-nav";
import { PostRows } from "./post-row";

interface SearchUrl {
  q: string;
  sort: SearchSort;
  t: TimeFilter;
  restrict: boolean;
  after?: string | undefined;
  before?: string | undefined;
}

/** The page's query, read leniently as reddit's pages do: a malformed part falls back to its default. */
function searchUrl(sp: Record<string, string | string[] | undefined>, inCommunity: boolean): SearchUrl {
  const s = searchParamsSchema.shape;
  const field = <T,>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, k: string): T | undefined => lenientParam(schema, sp, k);
  return {
    q: (param(sp.q) ?? "").trim().slice(0, SEARCH_QUERY_MAX),
    sort: field(s.sort, "sort") ?? "relevance",
    t: field(s.t, "t") ?? "all",
    restrict: inCommunity && (field(s.restrict_sr, "restrict_sr") ?? false),
    after: field(s.after, "after"),
    before: field(s.before, "before"),
  };
}

/**
 * Search results (`/search`, `/r/{name}/search`), read through the listing pipeline like any
 * listing; the form, the sorts, the time filter and the pages are plain links and a GET form, so
 * all of it works with JavaScript off.
 */
export async function SearchView({ community, searchParams }: { community?: Community | undefined; searchParams: SearchParams }) {
  const url = searchUrl(await searchParams, community !== undefined);
  const action = community ? `/r/${community.name}/search` : "/search";
  const href = (change: Partial<SearchUrl>) => {
    const u = { ...url, after: undefined, before: undefined, ...change };
    const qs = new URLSearchParams({ q: u.q });
    if (u.sort !== "relevance") qs.set("sort", u.sort);
    if (u.t !== "all") qs.set("t", u.t);
    if (u.restrict) qs.set("restrict_sr", "on");
    if (u.after) qs.set("after", u.after);
    if (u.before) qs.set("before", u.before);
    return `${action}?${qs}`;
  };
  const [{ reads }, actor] = await Promise.all([readServices(), currentActor()]);
  const page = url.q === "" ? null : await reads.search(actor, { q: url.q, sort: url.sort, t: url.t, communityId: url.restrict ? community?.id : undefined }, url);
  const viewer = { userId: actor?.userId ?? null, now: Date.now() };
  return (
    <div className="content search-page">
      <form className="search-form" action={action} method="get" role="search">
        <input type="search" name="q" defaultValue={url.q} aria-label="search" placeholder="search posts" maxLength={SEARCH_QUERY_MAX} />
        <button type="submit">search</button>
        {community ? (
          <label className="inline">
            <input type="checkbox" name="restrict_sr" defaultChecked={url.restrict || url.q === ""} /> limit my search to r/{community.name}
          </label>
        ) : null}
      </form>
      {page === null ? (
        <p className="empty">Search for words in posts&apos; titles and text: &quot;a phrase&quot; in quotes, -word to leave one out.</p>
      ) : (
        <div className="listing" data-sort={url.sort} data-t={url.t}>
          <nav className="sort-tabs" aria-label="sort">
            {SEARCH_SORTS.map((s) => (
              <a key={s} href={href({ sort: s })} className={s === url.sort ? "tab on" : "tab"} aria-current={s === url.sort ? "page" : undefined}>
                {s}
              </a>
            ))}
          </nav>
          <nav className="time-filter" aria-label="time filter">
            <span className="muted">links from:</span>
            {TIME_FILTER_LABELS.map(({ t, label }) => (
              <a key={t} href={href({ t })} className={t === url.t ? "on" : undefined} aria-current={t === url.t ? "true" : undefined}>
                {label}
              </a>
            ))}
          </nav>
          {page.items.length === 0 ? (
            <p className="empty">No posts match &quot;{url.q}&quot;{url.restrict && community ? ` in r/${community.name}` : ""}.</p>
          ) : (
            <PostRows views={postsOf(page)} viewer={viewer} />
          )}
          <CursorPager after={page.after} before={page.before} href={href} />
        </div>
      )}
    </div>
  );
}
