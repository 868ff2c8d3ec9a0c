import { describe, expect, it } from "vitest";
import { attr, byClass, parse, text, type Element } from "./parsed-html.js";
import type { PostView } from "@hivemind/domain";
import { postRowHtml } from "../src/app/_components/post-row-html.js";

const HOSTILE = `<img src=x onerror="alert(1)"> & "quotes" 'too'`;

function post(over: Partial<PostView["row"]> = {}): PostView["row"] {
  return {
    id: 1234n,
    communityId: 7n,
    authorId: 10n,
    title: "a title",
    kind: "link",
    url: "https://example.org/a?b=1&c=2",
    domain: "example.org",
    body: "",
    ups: 5,
    downs: 1,
    numComments: 3,
    deleted: false,
    removed: false,
    removedBy: null,
    approvedBy: null,
    locked: false,
    over18: false,
    spoiler: false,
    stickyPosition: null,
    editedAt: null,
    createdAt: new Date("2026-12-01T10:00:00Z"),
    community: { name: "pics" },
    author: { name: "alice" },
    ...over,
  } as PostView["row"];
}

function view(row: PostView["row"], viewer: Partial<PostView["viewer"]> = {}, mod: PostView["mod"] = null): PostView {
  return { row, viewer: { vote: 0, saved: false, hidden: false, ...viewer }, mod };
}

const NOW = Date.parse("2026-12-01T13:00:00Z");
const READER = { userId: 99n, now: NOW };
const AUTHOR = { userId: 10n, now: NOW };
const NOBODY = { userId: null, now: NOW };

const buttons = (els: Element[]) => els.filter((e) => e.tagName === "button" && !(attr(e, "class") ?? "").includes("arrow")).map(text);

describe("postRowHtml", () => {
  it("escapes every user-written string: the markup parses to the same text and attributes, no element of theirs", () => {
    const row = post({ title: HOSTILE, url: `https://example.org/"><script>x</script>`, domain: `ex"ample.org`, author: { name: `al"ice` } });
    const els = parse(postRowHtml(view(row), READER));
    expect(els.some((e) => e.tagName === "img" || e.tagName === "script")).toBe(false);
    const title = byClass(els, "title-link")[0] as Element;
    expect(text(title)).toBe(HOSTILE);
    expect(attr(title, "href")).toBe(`https://example.org/"><script>x</script>`);
    expect(attr(title, "rel")).toBe("nofollow ugc noopener");
    expect(text(byClass(els, "author")[0] as Element)).toBe(`al"ice`);
    expect(attr(byClass(els, "domain")[0]?.childNodes.find((c): c is Element => "tagName" in c) as Element, "href")).toBe(`/domain/${encodeURIComponent(`ex"ample.org`)}`);
  });

  it("shows the viewer's vote and the score in the arrows, disabled with the reason on a locked post", () => {
    const up = parse(postRowHtml(view(post(), { vote: 1 }), READER));
    const votes = byClass(up, "votes")[0] as Element;
    expect(attr(votes, "data-thing")).toBe("t3_ya");
    expect(attr(votes, "data-vote")).toBe("1");
    expect(attr(byClass(up, "up")[0] as Element, "aria-pressed")).toBe("true");
    expect(attr(byClass(up, "down")[0] as Element, "aria-pressed")).toBe("false");
    expect(text(byClass(up, "score")[0] as Element)).toBe("4");
    const locked = parse(postRowHtml(view(post({ locked: true })), READER));
    for (const arrow of byClass(locked, "arrow")) {
      expect(attr(arrow, "disabled")).toBe("");
      expect(attr(arrow, "title")).toBe("this thread is locked");
    }
    expect(byClass(locked, "locked").map(text)).toEqual(["locked"]);
  });

  it("offers each viewer the buttons the API would accept from them", () => {
    expect(buttons(parse(postRowHtml(view(post()), NOBODY)))).toEqual([]);
    expect(buttons(parse(postRowHtml(view(post(), { saved: true }), READER)))).toEqual(["unsave", "hide", "report"]);
    expect(buttons(parse(postRowHtml(view(post()), AUTHOR)))).toEqual(["delete", "save", "hide"]);
    const reported = view(post({ removed: false }), {}, { removedBy: null, approvedBy: null, reports: [["spam", 2]] });
    const mod = parse(postRowHtml(reported, READER));
    expect(buttons(mod)).toEqual(["save", "hide", "report", "remove", "spam", "approve", "lock", "sticky"]);
    expect(text(byClass(mod, "mod-note")[0] as Element)).toBe("reports: spam (2)");
    const spam = mod.find((e) => text(e) === "spam" && e.tagName === "button") as Element;
    expect([attr(spam, "data-api"), attr(spam, "data-params")]).toEqual(["/api/remove", "spam=true"]);
  });

  it("on the post page: the text, the author's edit with their markdown, the content flags, no comments link", () => {
    const self = post({ kind: "self", url: null, domain: "self.pics", body: `my <b>text</b>` });
    const els = parse(postRowHtml(view(self), AUTHOR, { expanded: true }));
    expect(buttons(els)).toEqual(["edit", "delete", "save", "hide", "mark nsfw", "mark spoiler"]);
    expect(attr(byClass(els, "thing-buttons")[0] as Element, "data-edit-text")).toBe("my <b>text</b>");
    expect(byClass(els, "comments-link")).toEqual([]);
    expect(byClass(els, "usertext")).toHaveLength(1);
    expect(byClass(parse(postRowHtml(view(self), AUTHOR)), "comments-link").map(text)).toEqual(["3 comments"]);
  });
});
