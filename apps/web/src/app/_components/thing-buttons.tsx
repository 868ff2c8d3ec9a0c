"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useApiPost } from "./use-api-post";
import { EditForm, ReplyForm } from "./usertext-form";
import { FormError } from "./form-error";

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

export interface ThingButtonsProps {
  fullname: string;
  kind: "t1" | "t3";
  loggedIn: boolean;
  /** Posts in a listing: "12 comments" to the post page. Comments: "permalink". */
  link?: { href: string; label: string } | null;
  /** Comments: a reply box may open (logged in, thread open or viewer moderates, comment live). */
  canReply?: boolean;
  /** The author's own markdown, when the viewer wrote it and it can be edited. */
  editText?: string | null;
  /** The viewer wrote it and it is not deleted. */
  canDelete?: boolean;
  saved?: boolean;
  /** Posts only: null hides the button. */
  hidden?: boolean | null;
  /** Reporting makes no sense for your own or a gone thing. */
  canReport?: boolean;
  mod?: ModInfo | null;
  /** Posts whose author or moderator is viewing them: the content flags, to set or clear. */
  flags?: { over18: boolean; spoiler: boolean } | null;
}

type Panel = "reply" | "edit" | "report" | null;

/** The row of small actions under a post or comment, with its inline reply/edit/report forms. */
export function ThingButtons(p: ThingButtonsProps) {
  const router = useRouter();
  const [panel, setPanel] = useState<Panel>(null);
  const { busy, error, setError, post } = useApiPost();
  const [done, setDone] = useState<string | null>(null);

  async function run(path: string, body: Record<string, string>, confirmText?: string) {
    if (confirmText && !window.confirm(confirmText)) return;
    if (!(await post(path, body)).ok) return false;
    router.refresh();
    return true;
  }

  function toggle(which: Panel) {
    setError(null);
    setDone(null);
    setPanel((cur) => (cur === which ? null : which));
  }

  const id = p.fullname;
  const btn = (label: string, onClick: () => void, extra?: { pressed?: boolean; danger?: boolean }) => (
    <li>
      <button
        type="button"
        className={`link${extra?.danger ? " danger-link" : ""}`}
        disabled={busy}
        aria-pressed={extra?.pressed}
        onClick={onClick}
      >
        {label}
      </button>
    </li>
  );

  return (
    <div className="thing-buttons">
      <ul className="buttons">
        {p.link ? (
          <li>
            <a href={p.link.href} className="comments-link">
              {p.link.label}
            </a>
          </li>
        ) : null}
        {p.canReply ? btn("reply", () => toggle("reply"), { pressed: panel === "reply" }) : null}
        {p.loggedIn && p.editText !== undefined && p.editText !== null ? btn("edit", () => toggle("edit"), { pressed: panel === "edit" }) : null}
        {p.loggedIn && p.canDelete ? btn("delete", () => void run("/api/del", { id }, "Delete this? It can't be undone.")) : null}
        {p.loggedIn && p.saved !== undefined
          ? btn(p.saved ? "unsave" : "save", () => void run(p.saved ? "/api/unsave" : "/api/save", { id }))
          : null}
        {p.loggedIn && p.hidden !== undefined && p.hidden !== null
          ? btn(p.hidden ? "unhide" : "hide", () => void run(p.hidden ? "/api/unhide" : "/api/hide", { id }))
          : null}
        {p.loggedIn && p.canReport ? btn("report", () => toggle("report"), { pressed: panel === "report" }) : null}
        {p.flags ? (
          <>
            {btn(p.flags.over18 ? "unmark nsfw" : "mark nsfw", () => void run(p.flags?.over18 ? "/api/unmarknsfw" : "/api/marknsfw", { id }))}
            {btn(p.flags.spoiler ? "unmark spoiler" : "mark spoiler", () => void run(p.flags?.spoiler ? "/api/unspoiler" : "/api/spoiler", { id }))}
          </>
        ) : null}
        {p.mod ? (
          <>
            {p.mod.removed
              ? btn("approve", () => void run("/api/approve", { id }))
              : (
                <>
                  {btn("remove", () => void run("/api/remove", { id, spam: "false" }), { danger: true })}
                  {btn("spam", () => void run("/api/remove", { id, spam: "true" }), { danger: true })}
                  {p.mod.reports.length > 0 ? btn("approve", () => void run("/api/approve", { id })) : null}
                </>
              )}
            {p.kind === "t3" && p.mod.locked !== undefined
              ? btn(p.mod.locked ? "unlock" : "lock", () => void run(p.mod?.locked ? "/api/unlock" : "/api/lock", { id }))
              : null}
            {p.kind === "t3" && p.mod.stickied !== undefined
              ? btn(p.mod.stickied ? "unsticky" : "sticky", () =>
                  void run("/api/set_subreddit_sticky", { id, state: p.mod?.stickied ? "false" : "true" }),
                )
              : null}
          </>
        ) : null}
      </ul>
      {p.mod && (p.mod.removed || p.mod.approvedBy || p.mod.reports.length > 0) ? (
        <p className="mod-note">
          {p.mod.removed ? <span className="tag removed">removed{p.mod.removedBy ? ` by ${p.mod.removedBy}` : ""}</span> : null}
          {!p.mod.removed && p.mod.approvedBy ? <span className="tag approved">approved by {p.mod.approvedBy}</span> : null}
          {p.mod.reports.length > 0 ? (
            <span className="tag reported">
              reports: {p.mod.reports.map(([reason, n]) => `${reason} (${n})`).join(", ")}
            </span>
          ) : null}
        </p>
      ) : null}
      <FormError message={error} />
      {done ? (
        <p className="ok" role="status">
          {done}
        </p>
      ) : null}
      {panel === "reply" ? <ReplyForm parent={id} onDone={() => setPanel(null)} onCancel={() => setPanel(null)} /> : null}
      {panel === "edit" ? <EditForm thingId={id} initial={p.editText ?? ""} onDone={() => setPanel(null)} onCancel={() => setPanel(null)} /> : null}
      {panel === "report" ? (
        <ReportForm
          thingId={id}
          onDone={() => {
            setPanel(null);
            setDone("Thanks: the moderators will take a look.");
          }}
        />
      ) : null}
    </div>
  );
}

const REPORT_REASONS = ["spam", "harassment", "misinformation", "breaks the community's rules"];

/** Why the reader reports a thing, sent to the moderators. */
export function ReportForm({ thingId, onDone }: { thingId: string; onDone: () => void }) {
  const { busy, error, post } = useApiPost();
  const fieldId = `report-${thingId}`;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const choice = String(form.get("reason") ?? "");
    const other = String(form.get("other") ?? "").trim();
    const reason = choice === "other" ? other : choice;
    if (!(await post("/api/report", { thing_id: thingId, reason }, "could not send the report")).ok) return;
    onDone();
  }

  return (
    <form className="report-form" onSubmit={submit}>
      <fieldset>
        <legend>Why are you reporting this?</legend>
        {REPORT_REASONS.map((r, i) => (
          <label key={r} className="inline">
            <input type="radio" name="reason" value={r} defaultChecked={i === 0} /> {r}
          </label>
        ))}
        <label className="inline">
          <input type="radio" name="reason" value="other" /> other:
        </label>
        <label htmlFor={fieldId} className="sr-only">
          other reason
        </label>
        <input id={fieldId} name="other" type="text" maxLength={100} placeholder="other reason" />
      </fieldset>
      <FormError message={error} />
      <button type="submit" disabled={busy}>
        report
      </button>
    </form>
  );
}
