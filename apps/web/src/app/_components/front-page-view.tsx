import Link from "next/link";
import type { LinkSort } from "@hivemind/core";
import { readServices } from "../../server/services";
import { listingUrl, type ListingLinks } from "../_lib/listing";
import type { SearchParams } from "../_lib/format";
import { currentActor, currentUser } from "../current-user";
import { PostListing } from "./post-listing";

const FRONT_LINKS: ListingLinks = { path: (sort) => (sort === "hot" ? "/" : `/${sort}`) };

/** The front page under a sort: the reader's subscriptions merged (logged out: the default communities). */
export async function FrontPageView({ sort, searchParams }: { sort: LinkSort; searchParams: SearchParams }) {
  const sp = await searchParams;
  const url = listingUrl(sort, sp);
  const [{ reads }, actor, user] = await Promise.all([readServices(), currentActor(), currentUser()]);
  const page = await reads.frontPage(actor, url.sort, url.t, url);
  return (
    <div className="with-side">
      <div className="content">
        <PostListing
          page={page}
          links={FRONT_LINKS}
          url={url}
          viewer={{ userId: actor?.userId ?? null, now: Date.now() }}
          showCommunity
          emptyText={
            <>
              Nothing here yet. <Link href="/subreddits">Find a community</Link> or <Link href="/submit">submit something</Link>.
            </>
          }
        />
      </div>
      <aside className="side">
        <section className="side-box">
          {user ? (
            <p>
              Welcome back, <strong>{user.name}</strong>.
            </p>
          ) : (
            <p>
              <Link href="/login">Log in</Link> or <Link href="/register">sign up</Link> to vote, comment and post.
            </p>
          )}
          <Link href="/submit" className="button-link">
            submit a new post
          </Link>
          <Link href="/subreddits/create" className="button-link secondary">
            create a community
          </Link>
        </section>
        <section className="side-box">
          <p className="small muted">
            {user ? "The front page merges the communities you subscribe to." : "The front page merges the most subscribed communities."} Script apps for API
            clients live under <Link href="/prefs/apps">apps</Link>; the API is described at <a href="/api/openapi.json">/api/openapi.json</a>.
          </p>
        </section>
      </aside>
    </div>
  );
}
