import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { findUserByName } from "@hivemind/accounts";
import { userOwner, type LinkSort } from "@hivemind/core";
import { hasBlocked, listMarkedThings, type MarkList } from "@hivemind/domain";
import { pageLimit } from "@hivemind/listings";
import { appServices, readServices } from "../../server/services";
import { param, type SearchParams } from "../_lib/format";
import { listingUrl, USER_SORT_TABS, type ListingLinks } from "../_lib/listing";
import { TimeAgo } from "../_lib/time-ago";
import { currentActor } from "../current-user";
import { ApiButton } from "./api-button";
import { commentSummaryHtml } from "./comment-html";
import { Pager, SortTabs } from "./listing-nav";
import { postRowHtml } from "./post-row-html";
import { ThingsHtml } from "./things-html";

/** The lists only their owner sees, as tabs of their own profile. */
export const OWNER_TABS: readonly MarkList[] = ["saved", "hidden", "upvoted", "downvoted"];
export type UserTab = "overview" | "submitted" | "comments" | MarkList;

function isOwnerTab(tab: UserTab): tab is MarkList {
  return (OWNER_TABS as readonly string[]).includes(tab);
}

/** The user named in the URL, or the 404 page; loaded once per request (metadata and page share it). */
export const userOr404 = cache(async (raw: string) => {
  const name = decodeURIComponent(raw);
  if (!/^[A-Za-z0-9_-]{1,20}$/.test(name)) notFound();
  const user = await findUserByName(await appServices(), name);
  if (!user) notFound();
  return user;
});

/**
 * A profile: the overview (posts and comments merged), or the user's submitted or comments
 * listing, each under `?sort=` (hot, new, top, controversial; new by default, as on reddit) and
 * `?t=`, read through the listing pipeline; for its owner also their saved, hidden, upvoted and
 * downvoted lists, newest first.
 */
export async function UserPageView({ name, tab, searchParams }: { name: string; tab: UserTab; searchParams: SearchParams }) {
  const [user, sp] = await Promise.all([userOr404(name), searchParams]);
  const [services, { reads }, actor] = await Promise.all([appServices(), readServices(), currentActor()]);
  const now = services.now();
  const viewer = { userId: actor?.userId ?? null, now };
  const loggedIn = actor !== null;
  const base = `/user/${user.name}`;

  const owner = actor !== null && actor.userId === user.id;
  // Someone else's saved, hidden or voted list does not exist for the reader (the API answers 403).
  if (isOwnerTab(tab) && !owner) notFound();
  const raw = param(sp.sort);
  const sort: LinkSort = isOwnerTab(tab) ? "new" : (USER_SORT_TABS.find((s) => s === raw) ?? "new");
  const url = listingUrl(sort, sp);
  // The profile's block button asks beside the listing read, not before it.
  const [page, blocking] = await Promise.all([
    isOwnerTab(tab) && actor
      ? listMarkedThings(services.db, actor, user.name, tab, { limit: pageLimit(url.limit), after: url.after, before: url.before })
      : tab === "overview"
        ? reads.userOverview(actor, user.id, url.sort, url.t, url)
        : reads.listing(actor, { owner: userOwner(user.id, tab as "submitted" | "comments"), sort: url.sort, t: url.t }, url),
    actor !== null && !owner ? hasBlocked(services.db, actor.userId, user.id) : false,
  ]);
  const path = tab === "overview" ? base : `${base}/${tab}`;
  const links: ListingLinks = { path: () => path, query: (s): Record<string, string> => (s === "new" ? {} : { sort: s }) };
  const body = (
    <div className="listing" data-sort={url.sort} data-t={url.t}>
      {isOwnerTab(tab) ? <p className="muted small">Only you can see this list, newest first.</p> : <SortTabs links={links} url={url} sorts={USER_SORT_TABS} />}
      {page.items.length === 0 ? (
        <p className="empty">{tab === "overview" && !url.after && !url.before ? `u/${user.name} hasn't posted or commented yet.` : "There doesn't seem to be anything here."}</p>
      ) : (
        <ThingsHtml
          className="site-table"
          loggedIn={loggedIn}
          html={page.items.map((item) => (item.kind === "t3" ? postRowHtml(item.view, viewer) : commentSummaryHtml(item.view, loggedIn, now))).join("")}
        />
      )}
      <Pager links={links} url={url} after={page.after} before={page.before} />
    </div>
  );

  const tabs: { tab: UserTab; label: string; href: string }[] = [
    { tab: "overview", label: "overview", href: base },
    { tab: "submitted", label: "submitted", href: `${base}/submitted` },
    { tab: "comments", label: "comments", href: `${base}/comments` },
    ...(owner ? OWNER_TABS.map((t) => ({ tab: t, label: t, href: `${base}/${t}` })) : []),
  ];
  return (
    <div className="with-side">
      <div className="content">
        <h1 className="page-title">u/{user.name}</h1>
        <nav className="about-tabs profile-tabs" aria-label="profile">
          {tabs.map((t) => (
            <Link key={t.tab} href={t.href} className={t.tab === tab ? "tab on" : "tab"} aria-current={t.tab === tab ? "page" : undefined}>
              {t.label}
            </Link>
          ))}
        </nav>
        {body}
      </div>
      <aside className="side">
        <section className="side-box">
          <h2 className="side-title">u/{user.name}</h2>
          <p className="karma">
            <strong data-testid="link-karma">{user.linkKarma.toLocaleString("en-US")}</strong> post karma
            <br />
            <strong data-testid="comment-karma">{user.commentKarma.toLocaleString("en-US")}</strong> comment karma
          </p>
          <p className="muted small">
            redditor for <TimeAgo at={user.createdAt} now={now} />
          </p>
          {loggedIn && !owner ? (
            <p className="profile-actions">
              <a href={`/message/compose?to=${user.name}`} className="button-link secondary">
                send a message
              </a>{" "}
              {blocking ? (
                <ApiButton path="/r/all/api/unfriend" body={{ name: user.name, type: "enemy" }} label="unblock" className="secondary" />
              ) : (
                <ApiButton
                  path="/api/block_user"
                  body={{ name: user.name }}
                  label="block user"
                  className="secondary"
                  confirmText={`Block u/${user.name}? Their messages and replies will no longer reach your inbox.`}
                />
              )}
            </p>
          ) : null}
        </section>
      </aside>
    </div>
  );
}

