import MarkdownIt from "markdown-it";

/**
 * User markdown (self posts, comments) to HTML, safe to put in a page as is.
 *
 * - Raw HTML is not parsed (html: false): `<script>`, `<iframe>`, `onerror=` … come out as text.
 * - Links pass a strict check: only http, https, mailto, relative and fragment URLs; javascript:,
 *   vbscript:, data:, file: and every other scheme are refused (rendered as text).
 * - Images are not rendered inline (as reddit's snudown): `![alt](url)` is text plus a link.
 * - Every link gets rel="nofollow ugc noopener".
 * - The result is wrapped as reddit does: `<div class="md">…</div>`.
 */
const ALLOWED_SCHEME = /^(?:https?|mailto):/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function isSafeLink(url: string): boolean {
  // markdown-it has already normalized the url (percent-encoding); strip what browsers ignore.
  const s = url.replace(/[\u0000-\u0020\u007f]/g, "");
  if (HAS_SCHEME.test(s)) return ALLOWED_SCHEME.test(s);
  // Protocol-relative or relative paths and fragments.
  return !s.toLowerCase().includes("&colon;");
}

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  md.disable("image");
  md.validateLink = isSafeLink;
  const defaultLinkOpen =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]?.attrSet("rel", "nofollow ugc noopener");
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const renderer = createRenderer();

/**
 * Rendered HTML by source text, least recently used out first. The hot texts (a community's
 * description on every about.json and sidebar, a busy thread's comments, the front page's self
 * posts) are read far more often than written, and rendering is a pure function of the text.
 */
const MEMO_ENTRIES = 2000;
/** Longer texts are rendered every time: they are rare, and would make the memo's size unbounded in bytes. */
const MEMO_MAX_CHARS = 8192;
const memo = new Map<string, string>();

/** Markdown to reddit-style HTML; null for empty text (reddit's selftext_html for "" is null). */
export function renderMarkdown(text: string): string | null {
  if (text.trim() === "") return null;
  if (text.length > MEMO_MAX_CHARS) return `<div class="md">${renderer.render(text)}</div>`;
  let html = memo.get(text);
  if (html !== undefined) memo.delete(text);
  else {
    html = `<div class="md">${renderer.render(text)}</div>`;
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
  }
  memo.set(text, html);
  return html;
}
