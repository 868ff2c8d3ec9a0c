import { describe, expect, it } from "vitest";
import { attr, byClass, parse, text, type Element } from "./parsed-html.js";
import type { CommentView, TreeChild } from "@hivemind/domain";
import { commentSummaryHtml, commentTreeHtml, queueCommentHtml, type TreeContext } from "../src/app/_components/comment-html.js";

const HOSTILE = `<img src=x onerror="alert(1)"> & "quotes"`;
const NOW = Date.parse("2026-12-01T13:00:00Z");

function comment(id: bigint, over: Partial<CommentView["row"]> = {}): CommentView["row"] {
  return {
    id,
    postId: 1234n,
    parentId: null,
    communityId: 7n,
    authorId: 10n,
    body: "a comment",
    depth: 0,
    ups: 3,
    downs: 0,
    deleted: false,
    removed: false,
    removedBy: null,
    approvedBy: null,
    editedAt: null,
    createdAt: new Date("2026-12-01T12:00:00Z"),
    community: { name: "books" },
    author: { name: "alice" },
    post: { authorId: 20n, title: "a post", url: null, kind: "self", locked: false, over18: false, author: { name: "bob" } },
    ...over,
  } as CommentView["row"];
}

function view(row: CommentView["row"], viewer: Partial<CommentView["viewer"]> = {}, mod: CommentView["mod"] = null): CommentView {
  return { row, viewer: { vote: 0, saved: false, hidden: false, ...viewer }, mod };
}

const node = (item: CommentView, children: TreeChild<CommentView>[] = []): TreeChild<CommentView> => ({ type: "comment", item, children });

function ctx(viewerId: bigint | null, over: Partial<TreeContext> = {}): TreeContext {
  return { community: "books", postId: 1234n, postTitle: "a post", viewerId, now: NOW, repliesClosed: false, votesClosed: null, moreTopHref: "/r/books/comments/ya/a_post/?limit=500", ...over };
}

/** The thing an element belongs to: its nearest ancestor with a fullname. */
function thingOf(el: Element): string | undefined {
  for (let cur: Element | null = el; cur && "attrs" in cur; cur = cur.parentNode as Element | null) {
    const name = attr(cur, "data-fullname");
    if (name) return name;
  }
  return undefined;
}
/** The action buttons of the thing `id` (not its replies'), by label. */
const buttonsOf = (els: Element[], id: string): string[] =>
  els.filter((e) => e.tagName === "button" && !/arrow|expand/.test(attr(e, "class") ?? "") && thingOf(e) === id).map(text);

describe("commentTreeHtml", () => {
  it("nests replies inside their parent, depth classes on each, with a [–] toggle and the children count", () => {
    const reply = view(comment(2n, { parentId: 1n, depth: 1, body: "a reply" }));
    const els = parse(commentTreeHtml([node(view(comment(1n)), [node(reply)])], ctx(null)));
    const top = els.find((e) => attr(e, "data-fullname") === "t1_1") as Element;
    expect(attr(top, "class")).toBe("comment depth-0");
    const nested = els.filter((e) => attr(e, "data-fullname") === "t1_2");
    expect(nested.map((e) => attr(e, "class"))).toEqual(["comment depth-1"]);
    expect(byClass(els, "children")).toHaveLength(1);
    expect(byClass(els, "expand").map((b) => attr(b, "aria-label"))).toEqual(["collapse thread", "collapse thread"]);
    expect(byClass(els, "child-count").map(text)).toEqual([" (1 child)"]);
  });

  it("escapes what users wrote and links the author", () => {
    const els = parse(commentTreeHtml([node(view(comment(1n, { author: { name: `al"ice` } })))], ctx(null)));
    expect(text(byClass(els, "author")[0] as Element)).toBe(`al"ice`);
    expect(attr(byClass(els, "author")[0] as Element, "href")).toBe(`/user/al"ice`);
    expect(els.some((e) => e.tagName === "img" || e.tagName === "script")).toBe(false);
  });

  it("offers each viewer the buttons the API would accept from them", () => {
    const tree = (viewerId: bigint | null, v: CommentView, over: Partial<TreeContext> = {}) => buttonsOf(parse(commentTreeHtml([node(v)], ctx(viewerId, over))), "t1_1");
    expect(tree(null, view(comment(1n)))).toEqual([]);
    expect(tree(99n, view(comment(1n)))).toEqual(["reply", "save", "report"]);
    expect(tree(10n, view(comment(1n)))).toEqual(["reply", "edit", "delete", "save"]);
    expect(tree(99n, view(comment(1n)), { repliesClosed: true })).toEqual(["save", "report"]);
    expect(tree(99n, view(comment(1n), {}, { removedBy: null, approvedBy: null, reports: [["spam", 1]] }))).toEqual(["reply", "save", "report", "remove", "spam", "approve"]);
    expect(tree(99n, view(comment(1n, { removed: true }), {}, { removedBy: "mod", approvedBy: null, reports: [] }))).toEqual(["save", "report", "approve"]);
  });

  it("disables the arrows with the reason where votes are refused", () => {
    const els = parse(commentTreeHtml([node(view(comment(1n)))], ctx(99n, { votesClosed: "this thread is locked" })));
    for (const arrow of byClass(els, "arrow")) expect(attr(arrow, "title")).toBe("this thread is locked");
    expect(byClass(els, "votes").map((v) => attr(v, "class"))).toEqual(["votes compact"]);
  });

  it("links the missing parts: more comments at the top level, continue this thread below", () => {
    const more: TreeChild<CommentView> = { type: "more", parentId: null, children: [5n], count: 7, depth: 0, continueThread: false };
    const deep: TreeChild<CommentView> = { type: "more", parentId: 1n, children: [], count: 0, depth: 10, continueThread: true };
    const els = parse(commentTreeHtml([node(view(comment(1n)), [deep]), more], ctx(null)));
    expect(byClass(els, "more").map(text)).toEqual(["continue this thread →", "load more comments (7)"]);
  });
});

describe("commentSummaryHtml and queueCommentHtml", () => {
  it("a user's comment names its post and community, with permalink and save", () => {
    const els = parse(commentSummaryHtml(view(comment(1n, { body: HOSTILE })), true, NOW));
    expect(text(byClass(els, "link-line")[0] as Element)).toBe("a post by bob in r/books");
    expect(buttonsOf(els, "t1_1")).toEqual(["save"]);
    expect(byClass(els, "comments-link").map(text)).toEqual(["permalink"]);
  });

  it("a queued comment carries the moderator's buttons and note", () => {
    const els = parse(queueCommentHtml(view(comment(1n), {}, { removedBy: null, approvedBy: "mod", reports: [["spam", 2]] }), NOW));
    expect(buttonsOf(els, "t1_1")).toEqual(["remove", "spam", "approve"]);
    expect(text(byClass(els, "mod-note")[0] as Element)).toBe("approved by modreports: spam (2)");
    expect(byClass(els, "comments-link").map(text)).toEqual(["context"]);
  });
});
