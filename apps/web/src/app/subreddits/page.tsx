import Link from "next/link";
import { listCommunitiesBySubscribers, COMMUNITIES_PER_PAGE, viewerRelations } from "@hivemind/domain";
import { appServices } from "../../server/services";
import { SubscribeButton } from "../_components/subscribe-button";
import { param, type SearchParams } from "../_lib/format";
import { currentActor } from "../current-user";

export const metadata = { title: "communities · hivemind" };

/**
 * The community directory. Its entries link with plain anchors, as listing rows do: next/link
 * would prefetch every community page in view, a render per entry for each visitor.
 */
export default async function CommunitiesPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const pageNo = Math.max(1, Math.min(1000, Number.parseInt(param(sp.page) ?? "1", 10) || 1));
  const [services, actor] = await Promise.all([appServices(), currentActor()]);
  const { communities, hasMore } = await listCommunitiesBySubscribers(services.db, pageNo);
  const relations = await viewerRelations(services, actor, communities);
  return (
    <div className="card">
      <div className="card-head">
        <h1>Communities</h1>
        <Link href="/subreddits/create" className="button-link">
          create a community
        </Link>
      </div>
      <p className="muted">Most subscribers first.</p>
      {communities.length === 0 ? (
        <p className="empty">
          No communities yet. <Link href="/subreddits/create">Create the first one</Link>.
        </p>
      ) : (
        <ol className="community-list" start={(pageNo - 1) * COMMUNITIES_PER_PAGE + 1}>
          {communities.map((c) => (
            <li key={c.id.toString()}>
              <div className="community-entry">
                <div>
                  <a href={`/r/${c.name}`} className="community-name">
                    r/{c.name}
                  </a>
                  {c.title && c.title !== c.name ? <span className="community-title">: {c.title}</span> : null}
                  <span className="muted small"> · {c.subscribers.toLocaleString("en-US")} {c.subscribers === 1 ? "subscriber" : "subscribers"}</span>
                  {c.publicDescription ? <p className="small">{c.publicDescription}</p> : null}
                </div>
                <SubscribeButton community={c.name} subscribed={relations.get(c.id)?.isSubscriber ?? false} loggedIn={actor !== null} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {pageNo > 1 || hasMore ? (
        <nav className="pager" aria-label="pages">
          {pageNo > 1 ? <Link href={`/subreddits?page=${pageNo - 1}`}>‹ prev</Link> : null}
          {pageNo > 1 && hasMore ? <span className="sep">|</span> : null}
          {hasMore ? <Link href={`/subreddits?page=${pageNo + 1}`}>next ›</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
