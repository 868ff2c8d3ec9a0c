/** What a vote click does on the arrows of things rendered as HTML (ThingsHtml). */

export type Dir = 1 | 0 | -1;

/** Clicking an arrow votes that way; clicking the arrow already on takes the vote back. */
export function nextVote(current: Dir, clicked: 1 | -1): Dir {
  return current === clicked ? 0 : clicked;
}

/** A logged-out reader who tries to act goes to the login page, and back here after it. */
export function goToLogin(): void {
  window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname)}`);
}
