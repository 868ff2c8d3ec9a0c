import { isContentShown, type PostView } from "@hivemind/domain";
import { presentLink } from "@hivemind/present";
import { plural } from "../_lib/format";
import { timeAgoHtml } from "../_lib/time-ago";
import { authorHtml, buttonHtml as button, deleteButtonHtml, esc, linkButtonHtml, modButtonsHtml, saveButtonHtml, thingButtonsHtml, voteArrowsHtml, type ModInfo } from "./thing-html";

/**
 * A post row as HTML, reddit's cached thing markup: a listing's 25 rows cost a few string joins
 * instead of a hundred React elements through the flight serialiser and the HTML pass. The shared
 * parts (arrows, buttons, the moderator's) are thing-html.ts's; ThingsHtml handles the clicks.
 */

export interface Viewer {
  userId: bigint | null;
  now: number;
}

/** A post's moderator view, (null unless the viewer moderates its community). */
function postModInfo(view: PostView): ModInfo | null {
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
function postVoteBlock(view: PostView): string | null {
  if (view.row.locked) return "this thread is locked";
  if (view.row.removed) return "this post was removed";
  if (view.row.deleted) return "this post was deleted";
  return null;
}

export interface PostRowOptions {
  showCommunity?: boolean;
  /** The post page: its text and the author's edit and content flags. */
  expanded?: boolean;
}

/** The post as a listing row: arrows, title and domain, tagline, buttons; with `expanded`, its text too. */
export function postRowHtml(view: PostView, viewer: Viewer, opts: PostRowOptions = {}): string {
  const { showCommunity = true, expanded = false } = opts;
  const d = presentLink(view, { origin: "" }).data;
  const mine = viewer.userId !== null && viewer.userId === view.row.authorId;
  const loggedIn = viewer.userId !== null;
  const gone = !isContentShown(view);
  const sub = esc(d.subreddit);
  const tag = (on: boolean, cls: string, label: string) => (on ? `<span class="tag ${cls}">${label}</span>` : "");

  const title =
    `<p class="title"><a href="${esc(d.is_self ? d.permalink : d.url)}" class="title-link"${d.is_self ? "" : ` rel="nofollow ugc noopener"`}>${esc(d.title)}</a> ` +
    `<span class="domain">(<a href="${d.is_self ? `/r/${sub}` : `/domain/${esc(encodeURIComponent(d.domain))}`}">${esc(d.domain)}</a>)</span>` +
    tag(d.over_18, "nsfw", "nsfw") + tag(d.spoiler, "spoiler", "spoiler") + tag(d.stickied, "sticky", "stickied") + tag(d.locked, "locked", "locked") +
    `</p>`;
  const tagline =
    `<p class="tagline">submitted ${timeAgoHtml(view.row.createdAt, viewer.now)} by ` +
    authorHtml(d.author) +
    (showCommunity ? ` to <a href="/r/${sub}" class="subreddit">r/${sub}</a>` : "") +
    (d.edited !== false ? `<span class="edited"> · edited</span>` : "") +
    `</p>`;
  let text = "";
  if (expanded && d.is_self) {
    if (d.selftext_html) text = `<div class="usertext">${d.selftext_html}</div>`;
    else if (gone) text = `<div class="usertext"><div class="md"><p>${esc(d.selftext)}</p></div></div>`;
  }

  const mod = postModInfo(view);
  const editText = mine && d.is_self && !view.row.deleted && expanded ? view.row.body : null;
  let buttons = expanded ? "" : linkButtonHtml(d.permalink, d.num_comments === 0 ? "comment" : plural(d.num_comments, "comment"));
  if (loggedIn) {
    if (editText !== null) buttons += button("edit", { panel: "edit" });
    if (mine && !view.row.deleted) buttons += deleteButtonHtml();
    buttons += saveButtonHtml(view.viewer.saved);
    buttons += button(view.viewer.hidden ? "unhide" : "hide", { api: view.viewer.hidden ? "/api/unhide" : "/api/hide" });
    if (!mine && !gone) buttons += button("report", { panel: "report" });
    if (expanded && (mine || view.mod) && !view.row.deleted) {
      buttons += button(d.over_18 ? "unmark nsfw" : "mark nsfw", { api: d.over_18 ? "/api/unmarknsfw" : "/api/marknsfw" });
      buttons += button(d.spoiler ? "unmark spoiler" : "mark spoiler", { api: d.spoiler ? "/api/unspoiler" : "/api/spoiler" });
    }
    if (mod) buttons += modButtonsHtml(mod);
  }
  const thingButtons = thingButtonsHtml(buttons, { editText, mod: loggedIn ? mod : null });

  return (
    `<article class="thing link${d.stickied ? " stickied" : ""}${view.row.removed ? " removed" : ""}" data-fullname="${esc(d.name)}">` +
    voteArrowsHtml(d.name, d.score, view.viewer.vote, postVoteBlock(view)) +
    `<div class="entry">${title}${tagline}${text}${thingButtons}</div></article>`
  );
}
