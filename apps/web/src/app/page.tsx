import Link from "next/link";
import { listPosts } from "@hivemind/domain";
import { appServices } from "../server/services";
import { PostListing } from "./_components/post-listing";
import { param, type SearchParams } from "./_lib/format";
import { currentActor, currentUser } from "./current-user";

export default async function FrontPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const [services, actor, user] = await Promise.all([appServices(), currentActor(), currentUser()]);
  const page = await listPosts(services.db, actor, { after: param(sp.after), before: param(sp.before) });
  const now = services.now();
  return (
    <div className="with-side">
      <div className="content">
        <PostListing
          page={page}
          basePath="/"
          viewer={{ userId: actor?.userId ?? null, now }}
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
            The front page lists every community&apos;s posts, newest first. Script apps for API clients live under <Link href="/prefs/apps">apps</Link>; the
            API is described at <a href="/api/openapi.json">/api/openapi.json</a>.
          </p>
        </section>
      </aside>
    </div>
  );
}
