import Link from "next/link";
import { isContentShown, type TreeChild, type CommentView } from "@hivemind/domain";
import { presentComment } from "@hivemind/present";
import { permalinkOf, toBase36 } from "@hivemind/core";
import { plural } from "../_lib/format";
import { TimeAgo } from "../_lib/time-ago";
import { CommentFrame } from "./comment-frame";
import { ThingButtons, type ModInfo } from "./thing-buttons";
import { VoteArrows } from "./vote-arrows";

export interface TreeContext {
  community: string;
  postId: bigint;
  postTitle: string;
  viewerId: bigint | null;
  now: number;
  /** New replies are refused here (locked for non-moderators, post removed or deleted). */
  repliesClosed: boolean;
  /** Votes are refused here (locked, post removed or deleted). */
  votesClosed: string | null;
  /** Where "load more comments" at the top level goes (the page with a larger limit). */
  moreTopHref: string;
}

function commentModInfo(view: CommentView): ModInfo | null {
  if (!view.mod) return null;
  return { removed: view.row.removed, removedBy: view.mod.removedBy, approvedBy: view.mod.approvedBy, reports: view.mod.reports };
}

function permalink(ctx: TreeContext, commentId: bigint): string {
  return permalinkOf(ctx.community, toBase36(ctx.postId), ctx.postTitle, toBase36(commentId));
}

/** A comment tree as nested comments; `more` nodes become links to the sub-thread. */
export function CommentTree({ nodes, ctx }: { nodes: readonly TreeChild<CommentView>[]; ctx: TreeContext }) {
  return (
    <div className="comment-list">
      {nodes.map((node) => {
        if (node.type === "more") {
          const key = `more-${node.parentId ?? "top"}-${node.children[0] ?? "_"}`;
          if (node.continueThread && node.parentId !== null) {
            return (
              <p key={key} className="more">
                <Link href={permalink(ctx, node.parentId)}>continue this thread →</Link>
              </p>
            );
          }
          const href = node.parentId === null ? ctx.moreTopHref : permalink(ctx, node.parentId);
          return (
            <p key={key} className="more">
              <Link href={href}>load more comments ({node.count})</Link>
            </p>
          );
        }
        return <CommentNode key={node.item.row.id.toString()} view={node.item} replies={node.children} ctx={ctx} />;
      })}
    </div>
  );
}

function CommentNode({ view, replies, ctx }: { view: CommentView; replies: readonly TreeChild<CommentView>[]; ctx: TreeContext }) {
  const d = presentComment(view, { origin: "" }).data;
  const c = view.row;
  const gone = !isContentShown(view);
  const loggedIn = ctx.viewerId !== null;
  const mine = loggedIn && ctx.viewerId === c.authorId;
  const voteBlock = ctx.votesClosed ?? (c.removed ? "this comment was removed" : c.deleted ? "this comment was deleted" : null);
  const tagline = (
    <>
      {d.author === "[deleted]" ? (
        <span className="author gone">[deleted]</span>
      ) : (
        <Link href={`/user/${d.author}`} className={`author${d.is_submitter ? " submitter" : ""}`}>
          {d.author}
        </Link>
      )}{" "}
      <span className="score-text">{plural(d.score, "point")}</span> <TimeAgo at={c.createdAt} now={ctx.now} />
      {d.edited !== false ? <span className="edited"> · edited</span> : null}
      {view.mod && c.removed ? <span className="tag removed">removed</span> : null}
      {replies.length > 0 ? <span className="child-count"> ({plural(replies.length, "child", "children")})</span> : null}
    </>
  );
  return (
    <CommentFrame id={d.name} tagline={tagline} depth={c.depth}>
      <div className="comment-body">
        <VoteArrows fullname={d.name} score={d.score} vote={view.viewer.vote as 1 | 0 | -1} loggedIn={loggedIn} disabledReason={voteBlock} compact />
        <div className="comment-main">
          <div className={`usertext${gone ? " gone" : ""}`} dangerouslySetInnerHTML={{ __html: d.body_html ?? "" }} />
          <ThingButtons
            fullname={d.name}
            kind="t1"
            loggedIn={loggedIn}
            link={{ href: d.permalink, label: "permalink" }}
            canReply={loggedIn && !ctx.repliesClosed && !c.deleted && !c.removed}
            editText={mine && !c.deleted && !c.removed ? c.body : null}
            canDelete={mine && !c.deleted}
            saved={gone ? undefined : view.viewer.saved}
            hidden={null}
            canReport={loggedIn && !mine && !gone}
            mod={commentModInfo(view)}
          />
        </div>
      </div>
      {replies.length > 0 ? (
        <div className="children">
          <CommentTree nodes={replies} ctx={ctx} />
        </div>
      ) : null}
    </CommentFrame>
  );
}
