import { escapeUTF8 as esc } from "entities";

/**
 * The parts every thing rendered as HTML shares (posts in post-row-html.ts, comments in
 * comment-html.ts): the arrows, the action buttons, the moderator's buttons and note. They are
 * plain markup, reddit's cached thing templates; ThingsHtml (things-html.tsx) handles their clicks
 * for a whole list, reading the data-* attributes written here.
 */

export { esc };

/** What a moderator of the thing's community sees and may change. */
export interface ModInfo {
  removed: boolean;
  approvedBy: string | null;
  removedBy: string | null;
  /** [reason, count] of open reports. */
  reports: [string, number][];
  /** Posts only. */
  locked?: boolean;
  stickied?: boolean;
}

/** ` name="value"` when `on`, else nothing. */
export const attr = (on: boolean, name: string, value = ""): string => (on ? ` ${name}="${esc(value)}"` : "");

/** The author's name linking to their profile, or [deleted] unlinked. */
export const authorHtml = (name: string, extraClass = ""): string =>
  name === "[deleted]" ? `<span class="author gone">[deleted]</span>` : `<a href="/user/${esc(name)}" class="author${extraClass}">${esc(name)}</a>`;

/** The up/down arrows with the score between them (the server's state; ThingsHtml changes it on a vote). */
export function voteArrowsHtml(fullname: string, score: number, vote: number, disabledReason: string | null, compact = false): string {
  const off = disabledReason !== null;
  const arrow = (dir: "up" | "down", on: boolean, glyph: string) =>
    `<button type="button" class="arrow ${dir}${on ? " on" : ""}" aria-label="${dir}vote" aria-pressed="${on}"${attr(off, "disabled")}${attr(off, "title", disabledReason ?? "")}>${glyph}</button>`;
  const mood = vote === 1 ? " liked" : vote === -1 ? " disliked" : "";
  return (
    `<div class="votes${compact ? " compact" : ""}" data-thing="${esc(fullname)}" data-score="${score}" data-vote="${vote}">` +
    arrow("up", vote === 1, "▲") +
    `<span class="score${mood}" data-testid="score" aria-label="score ${score}">${score}</span>` +
    arrow("down", vote === -1, "▼") +
    `</div>`
  );
}

export type PanelKind = "reply" | "edit" | "report";

export type ButtonAction = { api: string; params?: string; confirm?: string; danger?: boolean } | { panel: PanelKind };

/** One action button: an API call (`api`, with `params` besides the thing's id) or a panel to open. */
export function buttonHtml(label: string, action: ButtonAction): string {
  if ("panel" in action) return `<li><button type="button" class="link" data-panel="${action.panel}" aria-pressed="false">${esc(label)}</button></li>`;
  return (
    `<li><button type="button" class="link${action.danger ? " danger-link" : ""}" data-api="${esc(action.api)}"` +
    `${attr(action.params !== undefined, "data-params", action.params)}${attr(action.confirm !== undefined, "data-confirm", action.confirm)}>${esc(label)}</button></li>`
  );
}

/** A link as the first of a thing's buttons ("12 comments", "permalink", "context"). */
export function linkButtonHtml(href: string, label: string): string {
  return `<li><a href="${esc(href)}" class="comments-link">${esc(label)}</a></li>`;
}

export const DELETE_CONFIRM = "Delete this? It can't be undone.";

/** The viewer's own thing: delete. */
export function deleteButtonHtml(): string {
  return buttonHtml("delete", { api: "/api/del", confirm: DELETE_CONFIRM });
}

/** save or unsave, as the viewer has it. */
export function saveButtonHtml(saved: boolean): string {
  return buttonHtml(saved ? "unsave" : "save", { api: saved ? "/api/unsave" : "/api/save" });
}

/** A moderator's buttons: remove / spam / approve, and for posts lock and sticky. */
export function modButtonsHtml(mod: ModInfo): string {
  let out = mod.removed
    ? buttonHtml("approve", { api: "/api/approve" })
    : buttonHtml("remove", { api: "/api/remove", params: "spam=false", danger: true }) +
      buttonHtml("spam", { api: "/api/remove", params: "spam=true", danger: true }) +
      (mod.reports.length > 0 ? buttonHtml("approve", { api: "/api/approve" }) : "");
  if (mod.locked !== undefined) out += mod.locked ? buttonHtml("unlock", { api: "/api/unlock" }) : buttonHtml("lock", { api: "/api/lock" });
  if (mod.stickied !== undefined) out += buttonHtml(mod.stickied ? "unsticky" : "sticky", { api: "/api/set_subreddit_sticky", params: `state=${!mod.stickied}` });
  return out;
}

/** What a moderator is told about the thing: removed by whom, approved by whom, open reports. */
export function modNoteHtml(mod: ModInfo): string {
  if (!mod.removed && !mod.approvedBy && mod.reports.length === 0) return "";
  let out = `<p class="mod-note">`;
  if (mod.removed) out += `<span class="tag removed">removed${mod.removedBy ? ` by ${esc(mod.removedBy)}` : ""}</span>`;
  if (!mod.removed && mod.approvedBy) out += `<span class="tag approved">approved by ${esc(mod.approvedBy)}</span>`;
  if (mod.reports.length > 0) out += `<span class="tag reported">reports: ${esc(mod.reports.map(([reason, n]) => `${reason} (${n})`).join(", "))}</span>`;
  return `${out}</p>`;
}

/**
 * The buttons row: the buttons, the moderator's note, and the panel a reply, edit or report form
 * opens in. `editText` is the author's markdown for the edit form.
 */
export function thingButtonsHtml(buttons: string, opts: { editText?: string | null; mod?: ModInfo | null } = {}): string {
  const editText = opts.editText ?? null;
  return (
    `<div class="thing-buttons"${attr(editText !== null, "data-edit-text", editText ?? "")}><ul class="buttons">${buttons}</ul>` +
    (opts.mod ? modNoteHtml(opts.mod) : "") +
    `<div class="thing-panel"></div></div>`
  );
}
