import Link from "next/link";
import { NotFoundError, SEARCH_QUERY_MAX, cursorSchema, formatFullname, parseFullname } from "@hivemind/core";
import { browseCommunities, viewerRelations, type CommunityOrder } from "@hivemind/domain";
import { appServices } from "../../server/services";
import { lenientParam, param, type SearchParams } from "../_lib/format";
import { currentActor } from "../current-user";
import { CursorPager } from "./listing-nav";
import { SubscribeButton } from "./subscribe-button";

const PER_PAGE = 50;
const ORDERS: { order: CommunityOrder; label: string; href: string; about: string }[] = [
  { order: "popular", label: "popular", href: "/subreddits", about: "Most subscribers first." },
  { order: "new", label: "new", href: "/subreddits/new", about: "Newest first." },
];

const T5_CURSOR = cursorSchema(["t5"]);

/** A t5 cursor's id from the query, or undefined when absent or malformed (pages fall back, as reddit's do). */
function cursorOf(sp: Record<string, string | string[] | undefined>, key: string): bigint | undefined {
  const cursor = lenientParam(T5_CURSOR, sp, key);
  return cursor === undefined ? undefined : parseFullname(cursor, ["t5"], key).id;
}

/**
 * The community directory, popular or new, paged by t5 cursors (the API's /subreddits/popular and
 * /subreddits/new read the same). Entries link with plain anchors, as listing rows do: next/link
 * would prefetch every community page in view, a render per entry for each visitor.
 */
export async function CommunityDirectory({ order, searchParams }: { order: CommunityOrder; searchParams: SearchParams }) {
  const sp = await searchParams;
  const q = (param(sp.q) ?? "").trim().slice(0, SEARCH_QUERY_MAX) || undefined;
  const [services, actor] = await Promise.all([appServices(), currentActor()]);
  const page = await browseCommunities(services.db, order, { limit: PER_PAGE, after: cursorOf(sp, "after"), before: cursorOf(sp, "before") }, q).catch((err: unknown) => {
    // A cursor whose community is gone: start over.
    if (err instanceof NotFoundError) return browseCommunities(services.db, order, { limit: PER_PAGE }, q);
    throw err;
  });
  const relations = await viewerRelations(services, actor, page.communities);
  const here = ORDERS.find((o) => o.order === order) ?? ORDERS[0]!;
  return (
    <div className="card">
      <div className="card-head">
        <h1>Communities</h1>
        <Link href="/subreddits/create" className="button-link">
          create a community
        </Link>
      </div>
      <nav className="sort-tabs" aria-label="order">
        {ORDERS.map((o) => (
          <a key={o.order} href={o.href} className={o.order === order ? "tab on" : "tab"} aria-current={o.order === order ? "page" : undefined}>
            {o.label}
          </a>
        ))}
      </nav>
      <form className="search-form" action={here.href} method="get" role="search">
        <input type="search" name="q" defaultValue={q} aria-label="find a community" placeholder="find a community by name or topic" maxLength={SEARCH_QUERY_MAX} />
        <button type="submit">find</button>
      </form>
      <p className="muted">{q ? `Communities matching "${q}", ${here.about.toLowerCase()}` : here.about}</p>
      {page.communities.length === 0 ? (
        <p className="empty">
          {q ? "No community matches." : "No communities yet."} <Link href="/subreddits/create">Create {q ? "one" : "the first one"}</Link>.
        </p>
      ) : (
        <ol className="community-list">
          {page.communities.map((c) => (
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
      <CursorPager
        after={page.after === null ? null : formatFullname("t5", page.after)}
        before={page.before === null ? null : formatFullname("t5", page.before)}
        href={(c) => `${here.href}?${new URLSearchParams({ ...(q ? { q } : {}), ...c })}`}
      />
    </div>
  );
}
