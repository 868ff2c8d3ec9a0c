import Link from "next/link";
import type { CommentView } from "@hivemind/domain";
import { presentComment } from "@hivemind/present";
import { plural } from "../_lib/format";
import { TimeAgo } from "../_lib/time-ago";
import { ThingButtons } from "./thing-buttons";
import { VoteArrows } from "./vote-arrows";

/** A comment out of its thread (a user's comments): the post it is on, then the comment. */
export function CommentSummary({ view: v, loggedIn, now }: { view: CommentView; loggedIn: boolean; now: number }) {
  const d = presentComment(v, { origin: "" }, { withLink: true }).data;
  const c = v.row;
  const locked = c.post.locked ? "this thread is locked" : c.removed || c.deleted ? "this comment was removed" : null;
  return (
    <article className="thing comment-summary" data-fullname={d.name}>
      <p className="link-line">
        <Link href={d.permalink.replace(/[^/]+\/$/, "")}>{c.post.title}</Link> <span className="muted">by {c.post.author.name} in</span>{" "}
        <Link href={`/r/${c.community.name}`}>r/{c.community.name}</Link>
      </p>
      <div className="comment-body">
        <VoteArrows fullname={d.name} score={d.score} vote={v.viewer.vote as 1 | 0 | -1} loggedIn={loggedIn} disabledReason={locked} compact />
        <div className="comment-main">
          <p className="tagline">
            <Link href={`/user/${c.author.name}`} className="author">
              {c.author.name}
            </Link>{" "}
            {plural(d.score, "point")} <TimeAgo at={c.createdAt} now={now} />
            {v.mod && c.removed ? <span className="tag removed">removed</span> : null}
          </p>
          <div className="usertext" dangerouslySetInnerHTML={{ __html: d.body_html ?? "" }} />
          <ThingButtons fullname={d.name} kind="t1" loggedIn={loggedIn} link={{ href: d.permalink, label: "permalink" }} saved={v.viewer.saved} hidden={null} />
        </div>
      </div>
    </article>
  );
}
