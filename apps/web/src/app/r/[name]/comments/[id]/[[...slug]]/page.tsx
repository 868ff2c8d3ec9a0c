import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { HivemindError, fromBase36, toBase36, type CommentSort, permalinkOf } from "@hivemind/core";
import { type TreeChild, viewerRelation, type CommentView, type PostView, getPostView } from "@hivemind/domain";
import { appServices, readServices } from "../../../../../../server/services";
import { CommentTree } from "../../../../../_components/comment-tree";
import { CommunitySidebar } from "../../../../../_components/community-sidebar";
import { PostRow } from "../../../../../_components/post-row";
import { ReplyForm } from "../../../../../_components/usertext-form";
import { communityOr404 } from "../../../../../_lib/community";
import { param, plural, type SearchParams } from "../../../../../_lib/format";
import { currentActor } from "../../../../../current-user";

type Params = Promise<{ name: string; id: string; slug?: string[] }>;

/** The sorts offered, by their reddit URL names ("best" is confidence). */
const SORTS: { name: string; sort: CommentSort }[] = [
  { name: "best", sort: "confidence" },
  { name: "top", sort: "top" },
  { name: "new", sort: "new" },
  { name: "controversial", sort: "controversial" },
  { name: "old", sort: "old" },
  { name: "qa", sort: "qa" },
];
const LIMIT_DEFAULT = 200;
const LIMIT_MAX = 500;

function id36Or404(s: string | undefined): bigint {
  try {
    return fromBase36(s ?? "");
  } catch {
    notFound();
  }
}

/** The post, or the 404 page (domain NotFoundError); loaded once per request (metadata and page share it). */
const postOr404 = cache(async (postId: bigint): Promise<PostView> => {
  const [services, actor] = await Promise.all([appServices(), currentActor()]);
  try {
    return await getPostView(services.db, actor, postId);
  } catch (err) {
    if (err instanceof HivemindError && err.status === 404) notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const post = await postOr404(id36Or404(id));
  return { title: `${post.row.title} : r/${post.row.community.name}` };
}

export default async function PostPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [{ name, id, slug = [] }, sp] = await Promise.all([params, searchParams]);
  const postId = id36Or404(id);
  const focus = slug[1] === undefined ? undefined : id36Or404(slug[1]);
  const post = await postOr404(postId);
  // A post reached through another community's URL: send the reader to its own.
  if (post.row.community.name.toLowerCase() !== decodeURIComponent(name).toLowerCase()) {
    redirect(permalinkOf(post.row.community.name, toBase36(postId), post.row.title, focus === undefined ? undefined : toBase36(focus)));
  }
  const community = await communityOr404(post.row.community.name);
  const [services, { reads }, actor] = await Promise.all([appServices(), readServices(), currentActor()]);

  const sortName = param(sp.sort) ?? "best";
  const sort: CommentSort = SORTS.find((s) => s.name === sortName)?.sort ?? "confidence";
  const limit = Math.min(LIMIT_MAX, Math.max(1, Number.parseInt(param(sp.limit) ?? "", 10) || LIMIT_DEFAULT));
  const context = focus === undefined ? undefined : Number.parseInt(param(sp.context) ?? "0", 10) || 0;
  const [tree, relation] = await Promise.all([
    // The order and tree from the comment store; only the comments shown are hydrated.
    reads.commentTree(actor, postId, { sort, limit, depth: 10, focus, context }).then(
      (page) => page.tree,
      (err: unknown): TreeChild<CommentView>[] => {
        if (err instanceof HivemindError && err.status === 404) notFound();
        throw err;
      },
    ),
    viewerRelation(services, actor, community),
  ]);
  const now = services.now();
  const p = post.row;
  const isMod = post.mod !== null;
  const postGone = p.deleted || p.removed;
  const repliesClosed = postGone || (p.locked && !isMod) || relation.isBanned;
  const votesClosed = p.locked ? "this thread is locked" : p.removed ? "this post was removed" : p.deleted ? "this post was deleted" : null;
  const base = permalinkOf(community.name, toBase36(postId), p.title);
  const sortQuery = sortName === "best" ? "" : `sort=${encodeURIComponent(sortName)}`;
  const moreTopHref = `${base}?${sortQuery ? `${sortQuery}&` : ""}limit=${Math.min(LIMIT_MAX, limit + LIMIT_DEFAULT)}`;

  return (
    <div className="with-side">
      <div className="content">
        <div className="site-table post-box">
          <PostRow view={post} viewer={{ userId: actor?.userId ?? null, now }} showCommunity expanded />
        </div>
        {p.locked ? (
          <p className="notice locked-notice" role="status">
            This thread is locked: no new comments or votes.
          </p>
        ) : null}
        <section className="comments-area" aria-label="comments">
          <div className="comments-head">
            <h2>{focus === undefined ? `all ${plural(p.numComments, "comment")}` : "single comment thread"}</h2>
            <nav className="comment-sorts" aria-label="sort comments">
              sorted by:{" "}
              {SORTS.map((s) => (
                <Link key={s.name} href={s.name === "best" ? base : `${base}?sort=${s.name}`} aria-current={s.name === sortName ? "page" : undefined} className={s.name === sortName ? "on" : undefined}>
                  {s.name === "qa" ? "q&a" : s.name}
                </Link>
              ))}
            </nav>
          </div>
          {focus !== undefined ? (
            <p className="notice">
              You are viewing a single comment&apos;s thread. <Link href={base}>View the rest of the comments →</Link>
            </p>
          ) : null}
          {focus === undefined ? (
            actor ? (
              repliesClosed ? null : (
                <div className="top-reply">
                  <ReplyForm parent={`t3_${toBase36(postId)}`} label="comment" />
                </div>
              )
            ) : (
              <p className="notice">
                <Link href={`/login?next=${encodeURIComponent(base)}`}>Log in</Link> or <Link href="/register">sign up</Link> to comment and vote.
              </p>
            )
          ) : null}
          {relation.isBanned ? (
            <p className="notice" role="status">
              You are banned from r/{community.name}.
            </p>
          ) : null}
          {tree.length === 0 ? (
            <p className="empty">No comments yet.</p>
          ) : (
            <CommentTree
              nodes={tree}
              ctx={{ community: community.name, postId, postTitle: p.title, viewerId: actor?.userId ?? null, now, repliesClosed, votesClosed, moreTopHref }}
            />
          )}
        </section>
      </div>
      <CommunitySidebar community={community} relation={relation} loggedIn={actor !== null} now={now} />
    </div>
  );
}
