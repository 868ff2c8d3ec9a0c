import Link from "next/link";
import { communityOwner, type LinkSort } from "@hivemind/core";
import { viewerRelation } from "@hivemind/domain";
import { appServices, readServices } from "../../server/services";
import { communityOr404 } from "../_lib/community";
import type { SearchParams } from "../_lib/format";
import { listingUrl, type ListingLinks } from "../_lib/listing";
import { currentActor } from "../current-user";
import { CommunitySidebar } from "./community-sidebar";
import { PostListing } from "./post-listing";

/** A community's listing under a sort: /r/x (hot), /r/x/new/, /r/x/top/?t=week … */
export async function CommunityPageView({ name, sort, searchParams }: { name: string; sort: LinkSort; searchParams: SearchParams }) {
  const [community, sp] = await Promise.all([communityOr404(name), searchParams]);
  const url = listingUrl(sort, sp);
  const [services, { reads }, actor] = await Promise.all([appServices(), readServices(), currentActor()]);
  const [page, relation] = await Promise.all([reads.listing(actor, { owner: communityOwner(community.id), sort: url.sort, t: url.t }, url), viewerRelation(services, actor, community)]);
  const base = `/r/${community.name}`;
  const links: ListingLinks = { path: (s) => (s === "hot" ? base : `${base}/${s}`) };
  const now = services.now();
  return (
    <>
      <header className="community-header">
        <h1>
          <Link href={base}>r/{community.name}</Link>
        </h1>
        {community.title !== community.name ? <p>{community.title}</p> : null}
      </header>
      <div className="with-side side-first">
        <div className="content">
          <PostListing
            page={page}
            links={links}
            url={url}
            viewer={{ userId: actor?.userId ?? null, now }}
            showCommunity={false}
            emptyText={
              url.sort === "hot" || url.sort === "new" ? (
                <>
                  No posts in r/{community.name} yet. <Link href={`${base}/submit`}>Submit the first one</Link>.
                </>
              ) : (
                <>There doesn&apos;t seem to be anything here.</>
              )
            }
          />
        </div>
        <CommunitySidebar community={community} relation={relation} loggedIn={actor !== null} now={now} />
      </div>
    </>
  );
}
