import type { LinkSort } from "@hivemind/core";
import type { ListingPage } from "@hivemind/listings";
import { postsOf, type ListingLinks, type ListingUrl } from "../_lib/listing";
import { Pager, SortTabs } from "./listing-nav";
import { PostRows, type Viewer } from "./post-row";

/**
 * A page of a precomputed link listing (read through @hivemind/listings) with its sort tabs, time
 * filter and ‹ prev · next › cursors. Stickies (first page of a community's hot) come first.
 */
export function PostListing({
  page,
  links,
  url,
  viewer,
  showCommunity,
  emptyText,
  sorts,
}: {
  page: ListingPage;
  links: ListingLinks;
  url: ListingUrl;
  viewer: Viewer;
  showCommunity: boolean;
  emptyText: React.ReactNode;
  sorts?: readonly LinkSort[];
}) {
  const all = [...page.stickies, ...postsOf(page)];
  return (
    <div className="listing" data-sort={url.sort} data-t={url.t}>
      <SortTabs links={links} url={url} {...(sorts ? { sorts } : {})} />
      {all.length === 0 ? (
        <p className="empty">{emptyText}</p>
      ) : (
        <PostRows views={all} viewer={viewer} showCommunity={showCommunity} />
      )}
      <Pager links={links} url={url} after={page.after} before={page.before} />
    </div>
  );
}
