/**
 * Hands a block of server-rendered HTML from the server component that built it to the client
 * component's server-side render in the same request, without putting it in the RSC payload.
 *
 * A document request renders twice in one process: the server components to the RSC payload,
 * then that payload to HTML, and the payload is inlined in the HTML for hydration. A block of
 * things passed as a prop would travel twice (about 40% of a front page's bytes). So for a
 * document the server component stores the HTML here and passes a token; the HTML render takes
 * it back, and in the browser hydration reads it from the element the HTML render wrote.
 *
 * The store lives on globalThis because the server components and the HTML render are bundled
 * as two module graphs (the RSC and SSR layers) sharing one process. A taken entry is deleted
 * at once; one never taken (a render abandoned between the two steps) is swept after MAX_AGE_MS.
 */
const MAX_AGE_MS = 30_000;
const STORE = Symbol.for("hivemind.htmlHandoff");

interface Store {
  prefix: string;
  next: number;
  entries: Map<string, { html: string; at: number }>;
}

function store(): Store {
  const g = globalThis as { [STORE]?: Store };
  return (g[STORE] ??= { prefix: Math.random().toString(36).slice(2, 8), next: 0, entries: new Map() });
}

/** Stores `html` for this process's HTML render; returns the token to pass instead. */
export function handOffHtml(html: string, now: number = Date.now()): string {
  const s = store();
  // Entries are in insertion order, so the oldest come first.
  for (const [token, entry] of s.entries) {
    if (now - entry.at < MAX_AGE_MS) break;
    s.entries.delete(token);
  }
  const token = `${s.prefix}-${(s.next++).toString(36)}`;
  s.entries.set(token, { html, at: now });
  return token;
}

/** The HTML stored under `token`, once (undefined when it was taken or swept, or in a browser). */
export function takeHandedOffHtml(token: string): string | undefined {
  const s = store();
  const entry = s.entries.get(token);
  s.entries.delete(token);
  return entry?.html;
}
