import { escapeUTF8 as esc } from "entities";
import { isContentShown, type PostView } from "@hivemind/domain";
import { presentLink } from "@hivemind/present";
import { plural } from "../_lib/format";
import { timeAgoHtml } from "../_lib/time-ago";
import type { ModInfo } from "./thing-buttons";

/**
 * A post row as HTML, reddit's cached thing markup: a listing's 25 rows cost a few string joins
 * instead of a hundred React elements through the flight serialiser and the HTML pass. The
 * buttons are plain markup; ThingsHtml (things-html.tsx) handles their clicks for the whole list.
 * The data-* attributes are what it reads.
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

const attr = (on: boolean, name: string, value = ""): string => (on ? ` ${name}="${esc(value)}"` : "");

/** The up/down arrows with the score between them (the server's state; ThingsHtml changes it on a vote). */
export function voteArrowsHtml(fullname: string, score: number, vote: number, disabledReason: string | null): string {
  const off = disabledReason !== null;
  const arrow = (dir: "up" | "down", on: boolean, glyph: string) =>
    `<button type="button" class="arrow ${dir}${on ? " on" : ""}" aria-label="${dir}vote" aria-pressed="${on}"${attr(off, "disabled")}${attr(off, "title", disabledReason ?? "")}>${glyph}</button>`;
  const mood = vote === 1 ? " liked" : vote === -1 ? " disliked" : "";
  return (
    `<div class="votes" data-thing="${esc(fullname)}" data-score="${score}" data-vote="${vote}">` +
    arrow("up", vote === 1, "▲") +
    `<span class="score${mood}" data-testid="score" aria-label="score ${score}">${score}</span>` +
    arrow("down", vote === -1, "▼") +
    `</div>`
  );
}

/** One action button: an API call (`api`, with `params` besides the thing's id) or a panel to open. */
function button(label: string, action: { api: string; params?: string; confirm?: string; danger?: boolean } | { panel: "report" | "edit" }): string {
  if ("panel" in action) return `<li><button type="button" class="link" data-panel="${action.panel}" aria-pressed="false">${esc(label)}</button></li>`;
  return (
    `<li><button type="button" class="link${action.danger ? " danger-link" : ""}" data-api="${esc(action.api)}"` +
    `${attr(action.params !== undefined, "data-params", action.params)}${attr(action.confirm !== undefined, "data-confirm", action.confirm)}>${esc(label)}</button></li>`
  );
}

function modButtonsHtml(mod: ModInfo): string {
  let out = mod.removed
    ? button("approve", { api: "/api/approve" })
    : button("remove", { api: "/api/remove", params: "spam=false", danger: true }) +
      button("spam", { api: "/api/remove", params: "spam=true", danger: true }) +
      (mod.reports.length > 0 ? button("approve", { api: "/api/approve" }) : "");
  out += mod.locked ? button("unlock", { api: "/api/unlock" }) : button("lock", { api: "/api/lock" });
  out += button(mod.stickied ? "unsticky" : "sticky", { api: "/api/set_subreddit_sticky", params: `state=${!mod.stickied}` });
  return out;
}

function modNoteHtml(mod: ModInfo): string {
  if (!mod.removed && !mod.approvedBy && mod.reports.length === 0) return "";
  let out = `<p class="mod-note">`;
  if (mod.removed) out += `<span class="tag removed">removed${mod.removedBy ? ` by ${esc(mod.removedBy)}` : ""}</span>`;
  if (!mod.removed && mod.approvedBy) out += `<span class="tag approved">approved by ${esc(mod.approvedBy)}</span>`;
  if (mod.reports.length > 0) out += `<span class="tag reported">reports: ${esc(mod.reports.map(([reason, n]) => `${reason} (${n})`).join(", "))}</span>`;
  return `${out}</p>`;
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
    (d.author === "[deleted]" ? `<span class="author gone">[deleted]</span>` : `<a href="/user/${esc(d.author)}" class="author">${esc(d.author)}</a>`) +
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
  let buttons = expanded ? "" : `<li><a href="${esc(d.permalink)}" class="comments-link">${d.num_comments === 0 ? "comment" : plural(d.num_comments, "comment")}</a></li>`;
  if (loggedIn) {
    if (editText !== null) buttons += button("edit", { panel: "edit" });
    if (mine && !view.row.deleted) buttons += button("delete", { api: "/api/del", confirm: "Delete this? It can't be undone." });
    buttons += button(view.viewer.saved ? "unsave" : "save", { api: view.viewer.saved ? "/api/unsave" : "/api/save" });
    buttons += button(view.viewer.hidden ? "unhide" : "hide", { api: view.viewer.hidden ? "/api/unhide" : "/api/hide" });
    if (!mine && !gone) buttons += button("report", { panel: "report" });
    if (expanded && (mine || view.mod) && !view.row.deleted) {
      buttons += button(d.over_18 ? "unmark nsfw" : "mark nsfw", { api: d.over_18 ? "/api/unmarknsfw" : "/api/marknsfw" });
      buttons += button(d.spoiler ? "unmark spoiler" : "mark spoiler", { api: d.spoiler ? "/api/unspoiler" : "/api/spoiler" });
    }
    if (mod) buttons += modButtonsHtml(mod);
  }
  const thingButtons =
    `<div class="thing-buttons"${attr(editText !== null, "data-edit-text", editText ?? "")}><ul class="buttons">${buttons}</ul>` +
    (loggedIn && mod ? modNoteHtml(mod) : "") +
    `<div class="thing-panel"></div></div>`;

  return (
    `<article class="thing link${d.stickied ? " stickied" : ""}${view.row.removed ? " removed" : ""}" data-fullname="${esc(d.name)}">` +
    voteArrowsHtml(d.name, d.score, view.viewer.vote, postVoteBlock(view)) +
    `<div class="entry">${title}${tagline}${text}${thingButtons}</div></article>`
  );
}
