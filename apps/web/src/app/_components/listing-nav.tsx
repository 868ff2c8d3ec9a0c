import Link from "next/link";
import { sortUsesTimeFilter, type LinkSort } from "@hivemind/core";
import { listingHref, SORT_TABS, TIME_FILTER_LABELS, type ListingLinks, type ListingUrl } from "../_lib/listing";

/**
 * A listing's navigation, plain links so it works with JavaScript off: the sort tabs (hot first),
 * for top and controversial the time filter ("links from: past week"), and the ‹ prev · next ›
 * cursors (after/before fullnames).
 */
export function SortTabs({ links, url, sorts = SORT_TABS }: { links: ListingLinks; url: ListingUrl; sorts?: readonly LinkSort[] }) {
  return (
    <>
      <nav className="sort-tabs" aria-label="sort">
        {sorts.map((s) => (
          <Link key={s} href={listingHref(links, s, { t: sortUsesTimeFilter(s) && s === url.sort ? url.t : undefined })} className={s === url.sort ? "tab on" : "tab"} aria-current={s === url.sort ? "page" : undefined}>
            {s}
          </Link>
        ))}
      </nav>
      {sortUsesTimeFilter(url.sort) ? (
        <nav className="time-filter" aria-label="time filter">
          <span className="muted">links from:</span>
          {TIME_FILTER_LABELS.map(({ t, label }) => (
            <Link key={t} href={listingHref(links, url.sort, { t })} className={t === url.t ? "on" : undefined} aria-current={t === url.t ? "true" : undefined}>
              {label}
            </Link>
          ))}
        </nav>
      ) : null}
    </>
  );
}

export function Pager({ links, url, after, before }: { links: ListingLinks; url: ListingUrl; after: string | null; before: string | null }) {
  return <CursorPager after={after} before={before} href={(c) => listingHref(links, url.sort, { t: url.t, limit: url.limit, ...c })} />;
}

/**
 * ‹ prev · next › over after/before cursors, for any paged list (listings, search, the directory,
 * the inbox); `href` builds a page's address from its cursor. Plain anchors: a prefetch would
 * render the next page for every visitor (and, in the inbox, mark it read).
 */
export function CursorPager({ after, before, href }: { after: string | null; before: string | null; href: (cursor: { after: string } | { before: string }) => string }) {
  if (!after && !before) return null;
  return (
    <nav className="pager" aria-label="pages">
      <span className="muted">view more:</span>
      {before ? (
        <a href={href({ before })} rel="prev">
          ‹ prev
        </a>
      ) : null}
      {before && after ? <span className="sep">|</span> : null}
      {after ? (
        <a href={href({ after })} rel="next">
          next ›
        </a>
      ) : null}
    </nav>
  );
}
