import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { findUserByName } from "@hivemind/accounts";
import { presentComment } from "@hivemind/present";
import { listUserActivity } from "@hivemind/domain";
import { appServices } from "../../../server/services";
import { PostRow } from "../../_components/post-row";
import { ThingButtons } from "../../_components/thing-buttons";
import { VoteArrows } from "../../_components/vote-arrows";
import { plural } from "../../_lib/format";
import { TimeAgo } from "../../_lib/time-ago";
import { currentActor } from "../../current-user";

type Params = Promise<{ name: string }>;

/** The user named in the URL, or the 404 page; loaded once per request (metadata and page share it). */
const userOr404 = cache(async (raw: string) => {
  const name = decodeURIComponent(raw);
  if (!/^[A-Za-z0-9_-]{1,20}$/.test(name)) notFound();
  const user = await findUserByName(await appServices(), name);
  if (!user) notFound();
  return user;
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await userOr404((await params).name);
  return { title: `u/${user.name} · hivemind` };
}

/** A profile: karma and the user's recent posts and comments, newest first. */
export default async function UserPage({ params }: { params: Params }) {
  const user = await userOr404((await params).name);
  const [services, actor] = await Promise.all([appServices(), currentActor()]);
  const items = await listUserActivity(services.db, actor, user.id, 25);
  const now = services.now();
  const viewer = { userId: actor?.userId ?? null, now };
  return (
    <div className="with-side">
      <div className="content">
        <h1 className="page-title">u/{user.name}: recent activity</h1>
        {items.length === 0 ? (
          <p className="empty">u/{user.name} hasn&apos;t posted or commented yet.</p>
        ) : (
          <div className="site-table">
            {items.map((item) => {
              if (item.kind === "t3") return <PostRow key={`t3-${item.view.row.id}`} view={item.view} viewer={viewer} />;
              const v = item.view;
              const d = presentComment(v, { origin: "" }, { withLink: true }).data;
              const c = v.row;
              const locked = c.post.locked ? "this thread is locked" : c.removed || c.deleted ? "this comment was removed" : null;
              return (
                <article key={d.name} className="thing comment-summary" data-fullname={d.name}>
                  <p className="link-line">
                    <Link href={d.permalink.replace(/[^/]+\/$/, "")}>{c.post.title}</Link> <span className="muted">by {c.post.author.name} in</span>{" "}
                    <Link href={`/r/${c.community.name}`}>r/{c.community.name}</Link>
                  </p>
                  <div className="comment-body">
                    <VoteArrows fullname={d.name} score={d.score} vote={v.viewer.vote as 1 | 0 | -1} loggedIn={actor !== null} disabledReason={locked} compact />
                    <div className="comment-main">
                      <p className="tagline">
                        <Link href={`/user/${user.name}`} className="author">
                          {user.name}
                        </Link>{" "}
                        {plural(d.score, "point")} <TimeAgo at={c.createdAt} now={now} />
                        {v.mod && c.removed ? <span className="tag removed">removed</span> : null}
                      </p>
                      <div className="usertext" dangerouslySetInnerHTML={{ __html: d.body_html ?? "" }} />
                      <ThingButtons fullname={d.name} kind="t1" loggedIn={actor !== null} link={{ href: d.permalink, label: "permalink" }} saved={v.viewer.saved} hidden={null} />
                    </div>
                  </div>
                </article>
              );
            })}
          </div>
        )}
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
        </section>
      </aside>
    </div>
  );
}
