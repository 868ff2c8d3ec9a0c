import Link from "next/link";
import type { LinkSort, SiteListing } from "@hivemind/core";
import { readServices } from "../../server/services";
import type { SearchParams } from "../_lib/format";
import { listingUrl, type ListingLinks } from "../_lib/listing";
import { currentActor } from "../current-user";
import { PostListing } from "./post-listing";

const ABOUT: Record<SiteListing, string> = {
  all: "Every community's posts.",
  popular: "The most subscribed communities, as the front page shows them to visitors.",
};

/** r/all and r/popular under a sort: the site's own listings at a community's address. */
export async function SiteListingView({ which, sort, searchParams }: { which: SiteListing; sort: LinkSort; searchParams: SearchParams }) {
  const url = listingUrl(sort, await searchParams);
  const [{ reads }, actor] = await Promise.all([readServices(), currentActor()]);
  const page = await reads.siteListing(actor, which, url.sort, url.t, url);
  const base = `/r/${which}`;
  const links: ListingLinks = { path: (s) => (s === "hot" ? base : `${base}/${s}`) };
  return (
    <>
      <header className="community-header">
        <h1>
          <Link href={base}>r/{which}</Link>
        </h1>
        <p>{ABOUT[which]}</p>
      </header>
      <PostListing
        page={page}
        links={links}
        url={url}
        viewer={{ userId: actor?.userId ?? null, now: Date.now() }}
        showCommunity
        emptyText={<>There doesn&apos;t seem to be anything here.</>}
      />
    </>
  );
}
