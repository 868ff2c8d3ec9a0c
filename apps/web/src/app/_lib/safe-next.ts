/**
 * Where to go after logging in: only a path on this origin. Browsers strip tabs and newlines
 * from URLs and read `\` as `/`, so `/\evil.example` and `/<TAB>/evil.example` are
 * protocol-relative URLs of another host; so the candidate is resolved against this origin the
 * way a browser would, and kept only if it stays here. Anything else goes home.
 */
export function safeNext(next: string | undefined, origin: string): string {
  if (!next || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  return url.pathname + url.search + url.hash;
}
