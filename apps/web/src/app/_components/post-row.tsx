import { isContentShown, type PostView } from "@hivemind/domain";
import { presentLink } from "@hivemind/present";
import { plural } from "../_lib/format";
import { TimeAgo } from "../_lib/time-ago";
import { ThingButtons, type ModInfo } from "./thing-buttons";
import { VoteArrows } from "./vote-arrows";

export interface Viewer {
  userId: bigint | null;
  now: number;
}

/** A post's moderator view, for ThingButtons (null unless the viewer moderates its community). */
export function postModInfo(view: PostView): ModInfo | null {
  if (!view.mod) return null;
  return {
    removed: view.row.removed,
    removedBy: view.mod.removedBy,
    approvedBy: view.mod.approvedBy,
    reports: view.mod.reports,
    locked: view.row.locked,
    stickied: view.row.stickyPosition !== null,
  };
}

/** Why voting is refused on this post (the API refuses the same), or null. */
export function postVoteBlock(view: PostView): string | null {
  if (view.row.locked) return "this thread is locked";
  if (view.row.removed) return "this post was removed";
  if (view.row.deleted) return "this post was deleted";
  return null;
}

/**
 * A post as a listing row (old reddit's density): arrows, title and domain, tagline, buttons. With
 * `expanded`, its text too. Its links are plain anchors: a listing page has over a hundred, and
 * next/link would make each a client component to render and prefetch every one in view.
 */
export function PostRow({ view, viewer, showCommunity = true, rank, expanded = false }: { view: PostView; viewer: Viewer; showCommunity?: boolean; rank?: number; expanded?: boolean }) {
  const d = presentLink(view, { origin: "" }).data;
  const mine = viewer.userId !== null && viewer.userId === view.row.authorId;
  const loggedIn = viewer.userId !== null;
  const gone = !isContentShown(view);
  const titleHref = d.is_self ? d.permalink : d.url;
  return (
    <article className={`thing link${d.stickied ? " stickied" : ""}${view.row.removed ? " removed" : ""}`} data-fullname={d.name}>
      {rank !== undefined ? <span className="rank">{rank}</span> : null}
      <VoteArrows fullname={d.name} score={d.score} vote={view.viewer.vote as 1 | 0 | -1} loggedIn={loggedIn} disabledReason={postVoteBlock(view)} />
      <div className="entry">
        <p className="title">
          {d.is_self ? (
            <a href={titleHref} className="title-link">
              {d.title}
            </a>
          ) : (
            <a href={titleHref} className="title-link" rel="nofollow ugc noopener">
              {d.title}
            </a>
          )}{" "}
          <span className="domain">
            (
            {d.is_self ? (
              <a href={`/r/${d.subreddit}`}>{d.domain}</a>
            ) : (
              <a href={`/domain/${encodeURIComponent(d.domain)}`}>{d.domain}</a>
            )}
            )
          </span>
          {d.over_18 ? <span className="tag nsfw">nsfw</span> : null}
          {d.spoiler ? <span className="tag spoiler">spoiler</span> : null}
          {d.stickied ? <span className="tag sticky">stickied</span> : null}
          {d.locked ? <span className="tag locked">locked</span> : null}
        </p>
        <p className="tagline">
          submitted <TimeAgo at={view.row.createdAt} now={viewer.now} /> by{" "}
          {d.author === "[deleted]" ? <span className="author gone">[deleted]</span> : <a href={`/user/${d.author}`} className="author">{d.author}</a>}
          {showCommunity ? (
            <>
              {" "}
              to <a href={`/r/${d.subreddit}`} className="subreddit">r/{d.subreddit}</a>
            </>
          ) : null}
          {d.edited !== false ? <span className="edited"> · edited</span> : null}
        </p>
        {expanded && d.is_self ? (
          d.selftext_html ? (
            <div className="usertext" dangerouslySetInnerHTML={{ __html: d.selftext_html }} />
          ) : gone ? (
            <div className="usertext">
              <div className="md">
                <p>{d.selftext}</p>
              </div>
            </div>
          ) : null
        ) : null}
        <ThingButtons
          fullname={d.name}
          kind="t3"
          loggedIn={loggedIn}
          link={expanded ? null : { href: d.permalink, label: d.num_comments === 0 ? "comment" : plural(d.num_comments, "comment") }}
          editText={mine && d.is_self && !view.row.deleted && expanded ? view.row.body : null}
          canDelete={mine && !view.row.deleted}
          saved={view.viewer.saved}
          hidden={view.viewer.hidden}
          canReport={loggedIn && !mine && !gone}
          mod={postModInfo(view)}
          flags={expanded && loggedIn && (mine || view.mod) && !view.row.deleted ? { over18: d.over_18, spoiler: d.spoiler } : null}
        />
      </div>
    </article>
  );
}
