"use client";

import { useRouter } from "next/navigation";
import { useLayoutEffect, useRef, useState, type MouseEvent } from "react";
import { createPortal } from "react-dom";
import { callApi } from "./api-call";
import { FormError } from "./form-error";
import { takeHandedOffHtml } from "./html-handoff";
import { ReportForm } from "./report-form";
import type { PanelKind } from "./thing-html";
import { EditForm, ReplyForm } from "./usertext-form";
import { goToLogin, nextVote, type Dir } from "./vote-rule";

/** The one thing whose panel, refusal or confirmation shows (in its `.thing-panel`). */
interface Open {
  thing: string;
  target: HTMLElement;
  panel: PanelKind | null;
  editText: string;
  error: string | null;
  done: string | null;
}

export interface LiveThingsProps {
  /** The things' HTML, or, for a document, the html-handoff.ts token it was stored under. */
  html?: string;
  handoff?: string;
  loggedIn: boolean;
  className?: string;
}

/**
 * Things rendered as HTML on the server (post-row-html.ts, comment-html.ts) and one click handler
 * for all of them, as reddit's pages delegated their buttons: a vote repaints its arrows at once
 * and is put back if the API refuses it; an action button posts to the API and refreshes the
 * page's server data; the reply, edit and report forms open in the thing; a comment's [–] folds
 * its thread. New HTML from the server (a refresh) replaces the things, closes what was open and
 * keeps folded what the reader folded.
 */
export function LiveThings({ html, handoff, loggedIn, className = "things-html" }: LiveThingsProps) {
  const router = useRouter();
  const [open, setOpen] = useState<Open | null>(null);
  const [shown, setShown] = useState(() => html ?? handedOff(handoff));
  const [given, setGiven] = useState(html);
  const box = useRef<HTMLDivElement>(null);
  const folded = useRef(new Set<string>());
  if (html !== undefined && html !== given) {
    setGiven(html);
    setShown(html);
    setOpen(null);
  }
  useLayoutEffect(() => {
    for (const id of folded.current) {
      const comment = box.current?.querySelector<HTMLElement>(`.comment[data-fullname="${id}"]`);
      if (comment) fold(comment, true);
    }
  }, [shown]);

  async function onClick(e: MouseEvent<HTMLDivElement>) {
    const btn = (e.target as Element).closest("button");
    const row = btn?.closest<HTMLElement>("[data-fullname]");
    if (!btn || !row || btn.disabled || !e.currentTarget.contains(row)) return;
    if (btn.classList.contains("expand")) {
      const on = !row.classList.contains("collapsed");
      fold(row, on);
      if (on) folded.current.add(row.dataset.fullname as string);
      else folded.current.delete(row.dataset.fullname as string);
      return;
    }
    if (!loggedIn) return goToLogin();
    const thing = row.dataset.fullname as string;
    const target = row.querySelector<HTMLElement>(".thing-panel");
    if (btn.classList.contains("arrow")) return vote(btn);
    if (!target) return;
    const panel = btn.dataset.panel as PanelKind | undefined;
    if (panel) {
      const closing = open?.thing === thing && open.panel === panel;
      pressPanel(row, closing ? null : panel);
      const editText = btn.closest<HTMLElement>(".thing-buttons")?.dataset.editText ?? "";
      return setOpen(closing ? null : { thing, target, panel, editText, error: null, done: null });
    }
    const path = btn.dataset.api;
    if (!path || (btn.dataset.confirm && !window.confirm(btn.dataset.confirm))) return;
    const buttons = ownButtons(row, ".thing-buttons button");
    for (const b of buttons) b.disabled = true;
    const res = await callApi("POST", path, { id: thing, ...Object.fromEntries(new URLSearchParams(btn.dataset.params ?? "")) });
    for (const b of buttons) b.disabled = false;
    if (res.ok) return router.refresh();
    setOpen({ thing, target, panel: null, editText: "", error: res.error?.message ?? "that did not work", done: null });
  }

  const close = (done: string | null) => () => {
    if (!open) return;
    const row = open.target.closest<HTMLElement>("[data-fullname]");
    if (row) pressPanel(row, null);
    setOpen(done ? { ...open, panel: null, done } : null);
  };

  return (
    <>
      <div ref={box} className={className} data-handoff={handoff} onClick={onClick} dangerouslySetInnerHTML={{ __html: shown }} />
      {open
        ? createPortal(
            <>
              <FormError message={open.error} />
              {open.done ? (
                <p className="ok" role="status">
                  {open.done}
                </p>
              ) : null}
              {open.panel === "report" ? <ReportForm thingId={open.thing} onDone={close("Thanks: the moderators will take a look.")} /> : null}
              {open.panel === "reply" ? <ReplyForm parent={open.thing} onDone={close(null)} onCancel={close(null)} /> : null}
              {open.panel === "edit" ? <EditForm thingId={open.thing} initial={open.editText} onDone={close(null)} onCancel={close(null)} /> : null}
            </>,
            open.target,
          )
        : null}
    </>
  );
}

/** What the browser hydrated each handoff token from, for a remount (a back navigation restores the page from the router's cache). */
const hydratedFrom = new Map<string, string>();

/**
 * A document's things: on the server, taken from the handoff store; in the browser, read from the
 * element the server wrote, so hydration keeps the DOM as it is.
 */
function handedOff(token: string | undefined): string {
  if (token === undefined) return "";
  if (typeof window === "undefined") return takeHandedOffHtml(token) ?? "";
  let html = hydratedFrom.get(token);
  if (html === undefined) {
    html = document.querySelector(`[data-handoff="${token}"]`)?.innerHTML ?? "";
    hydratedFrom.set(token, html);
  }
  return html;
}

/** A thing's own buttons matching `selector`: not those of the replies nested in a comment. */
function ownButtons(row: HTMLElement, selector: string): HTMLButtonElement[] {
  return [...row.querySelectorAll<HTMLButtonElement>(selector)].filter((b) => b.closest("[data-fullname]") === row);
}

/** Marks which panel button of a row is open (aria-pressed), none for null. */
function pressPanel(row: HTMLElement, panel: PanelKind | null): void {
  for (const b of ownButtons(row, "button[data-panel]")) b.setAttribute("aria-pressed", String(b.dataset.panel === panel));
}

/** Folds a comment's thread away behind its tagline (old reddit's [–] and [+]), or unfolds it. */
function fold(comment: HTMLElement, on: boolean): void {
  comment.classList.toggle("collapsed", on);
  const toggle = comment.querySelector<HTMLButtonElement>(":scope > .tagline > .expand");
  if (!toggle) return;
  toggle.setAttribute("aria-expanded", String(!on));
  toggle.setAttribute("aria-label", on ? "expand thread" : "collapse thread");
  toggle.textContent = on ? "[+]" : "[–]";
}

/** The arrows' state as painted: which is on. */
function paintedVote(box: HTMLElement): Dir {
  if (box.querySelector(".arrow.up.on")) return 1;
  if (box.querySelector(".arrow.down.on")) return -1;
  return 0;
}

/** Paints a vote: the arrows, the score (the server's score moved by the change from its vote). */
function paintVote(box: HTMLElement, vote: Dir): void {
  const served = Number(box.dataset.score);
  const shown = served + vote - Number(box.dataset.vote);
  for (const [cls, dir] of [["up", 1], ["down", -1]] as const) {
    const arrow = box.querySelector(`.arrow.${cls}`);
    arrow?.classList.toggle("on", vote === dir);
    arrow?.setAttribute("aria-pressed", String(vote === dir));
  }
  const score = box.querySelector(".score");
  if (score) {
    score.className = `score${vote === 1 ? " liked" : vote === -1 ? " disliked" : ""}`;
    score.textContent = String(shown);
    score.setAttribute("aria-label", `score ${shown}`);
  }
}

async function vote(arrow: HTMLButtonElement): Promise<void> {
  const box = arrow.closest<HTMLElement>(".votes");
  if (!box) return;
  const before = paintedVote(box);
  const next = nextVote(before, arrow.classList.contains("up") ? 1 : -1);
  box.querySelector(".error")?.remove();
  paintVote(box, next);
  const arrows = [...box.querySelectorAll<HTMLButtonElement>(".arrow")];
  for (const a of arrows) a.disabled = true;
  const res = await callApi("POST", "/api/vote", { id: box.dataset.thing ?? "", dir: String(next) });
  for (const a of arrows) a.disabled = false;
  if (res.ok) return;
  paintVote(box, before);
  const error = document.createElement("span");
  error.className = "error small";
  error.setAttribute("role", "alert");
  error.textContent = res.error?.message ?? "vote failed";
  box.append(error);
}
