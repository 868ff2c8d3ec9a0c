import type { PostView } from "@hivemind/domain";
import { postRowHtml, type Viewer } from "./post-row-html";
import { ThingsHtml } from "./things-html";

export type { Viewer } from "./post-row-html";

/** One post row (post-row-html.ts), its buttons live. */
export function PostRow({ view, viewer, showCommunity = true, expanded = false }: { view: PostView; viewer: Viewer; showCommunity?: boolean; expanded?: boolean }) {
  return <ThingsHtml html={postRowHtml(view, viewer, { showCommunity, expanded })} loggedIn={viewer.userId !== null} />;
}

/** A listing's post rows as one block of HTML with one click handler. */
export function PostRows({ views, viewer, showCommunity = true }: { views: readonly PostView[]; viewer: Viewer; showCommunity?: boolean }) {
  const html = views.map((v) => postRowHtml(v, viewer, { showCommunity })).join("");
  return <ThingsHtml html={html} loggedIn={viewer.userId !== null} className="site-table" />;
}
