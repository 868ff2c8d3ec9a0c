import { describe, expect, it } from "vitest";
import { isSafeLink, renderMarkdown } from "../src/markdown.js";

/** No live HTML element other than the few markdown produces, no handler, no dangerous scheme. */
function expectInert(html: string | null) {
  expect(html).not.toBeNull();
  const h = html as string;
  expect(h).not.toMatch(/<(script|iframe|object|embed|img|svg|style|form|input|a\s[^>]*href="(?!https?:|mailto:|\/|#))/i);
  expect(h).not.toMatch(/<[^>]+\son\w+\s*=/i);
  expect(h).not.toMatch(/href="\s*(javascript|vbscript|data|file):/i);
  expect(h).not.toMatch(/src="/i);
}

describe("renderMarkdown", () => {
  it("wraps output as reddit does", () => {
    expect(renderMarkdown("hello")).toBe('<div class="md"><p>hello</p>\n</div>');
    expect(renderMarkdown("**b** _i_ `c`")).toBe('<div class="md"><p><strong>b</strong> <em>i</em> <code>c</code></p>\n</div>');
  });

  it("gives null for empty text (reddit's selftext_html)", () => {
    expect(renderMarkdown("")).toBeNull();
    expect(renderMarkdown("  \n ")).toBeNull();
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>"],
    ["a script tag split over lines", "<scr\nipt>alert(1)</script>"],
    ["an iframe", '<iframe src="https://evil.example/"></iframe>'],
    ["an img with onerror", "<img src=x onerror=alert(1)>"],
    ["an svg with onload", "<svg onload=alert(1)></svg>"],
    ["a div with onmouseover", '<div onmouseover="alert(1)">hover</div>'],
    ["a raw anchor with javascript:", '<a href="javascript:alert(1)">x</a>'],
    ["a javascript: link", "[click](javascript:alert(1))"],
    ["a javascript: link in capitals with spaces", "[click]( JaVaScRiPt:alert(1) )"],
    ["an entity-encoded javascript: link", "[click](javascript&#58;alert(1))"],
    ["a javascript: link with a tab", "[click](java\tscript:alert(1))"],
    ["a vbscript: link", "[click](vbscript:msgbox(1))"],
    ["a data: html link", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["a data: image", "![x](data:image/png;base64,iVBORw0KGgo=)"],
    ["an image (not rendered inline)", "![x](https://example.com/a.png)"],
    ["a reference link to javascript:", "[x][1]\n\n[1]: javascript:alert(1)"],
    ["an autolink to javascript:", "<javascript:alert(1)>"],
    ["an html comment", "<!-- <script>alert(1)</script> -->"],
    ["a style tag", "<style>body{display:none}</style>"],
  ])("renders %s inert", (_name, source) => {
    expectInert(renderMarkdown(source));
  });

  it("keeps the text of refused html visible, escaped", () => {
    expect(renderMarkdown("<b>hi</b>")).toBe('<div class="md"><p>&lt;b&gt;hi&lt;/b&gt;</p>\n</div>');
  });

  it("gives links rel=\"nofollow ugc noopener\", plain and linkified", () => {
    expect(renderMarkdown("[site](https://example.com/a)")).toBe(
      '<div class="md"><p><a href="https://example.com/a" rel="nofollow ugc noopener">site</a></p>\n</div>',
    );
    expect(renderMarkdown("see https://example.com")).toContain('<a href="https://example.com" rel="nofollow ugc noopener">https://example.com</a>');
    expect(renderMarkdown("[rel](/r/pics)")).toContain('href="/r/pics" rel="nofollow ugc noopener"');
  });
});

describe("isSafeLink", () => {
  it.each([
    ["https://example.com", true],
    ["http://example.com", true],
    ["mailto:a@example.com", true],
    ["/r/pics", true],
    ["#top", true],
    ["//example.com/x", true],
    ["javascript:alert(1)", false],
    [" javascript:alert(1)", false],
    ["jav\u0000ascript:alert(1)", false],
    ["data:text/html,x", false],
    ["DATA:image/png;base64,x", false],
    ["vbscript:x", false],
    ["file:///etc/passwd", false],
    ["ftp://example.com", false],
  ])("%s → %s", (url, ok) => {
    expect(isSafeLink(url)).toBe(ok);
  });
});

describe("renderMarkdown's memo of rendered texts", () => {
  it("a text rendered again, after thousands of others pushed it out, gives the same HTML", () => {
    const first = renderMarkdown("**hot** [link](https://example.com)");
    for (let i = 0; i < 2500; i++) expect(renderMarkdown(`text number ${i}`)).toBe(`<div class="md"><p>text number ${i}</p>\n</div>`);
    expect(renderMarkdown("**hot** [link](https://example.com)")).toBe(first);
    expect(renderMarkdown("**hot** [link](https://example.com)")).toBe(first);
  });

  it("a text longer than the memo keeps is rendered like any other", () => {
    const long = `${"word ".repeat(3000)}**end**`;
    expect(renderMarkdown(long)).toBe(`<div class="md"><p>${"word ".repeat(2999)}word <strong>end</strong></p>\n</div>`);
  });
});
