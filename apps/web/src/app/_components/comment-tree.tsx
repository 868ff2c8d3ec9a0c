import type { CommentView, TreeChild } from "@hivemind/domain";
import { commentTreeHtml, type TreeContext } from "./comment-html";
import { ThingsHtml } from "./things-html";

/** A post's comment tree as nested comments (comment-html.ts), its buttons live. */
export function CommentTree({ nodes, ctx }: { nodes: readonly TreeChild<CommentView>[]; ctx: TreeContext }) {
  return <ThingsHtml html={commentTreeHtml(nodes, ctx)} loggedIn={ctx.viewerId !== null} />;
}
