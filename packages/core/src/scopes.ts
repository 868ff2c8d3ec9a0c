/**
 * reddit's OAuth scopes. A bearer token carries the scopes it was granted (space-separated, as
 * reddit's token answer gives them); `*` grants every scope. Browser sessions are not scoped.
 */
export const OAUTH_SCOPES = [
  "identity",
  "read",
  "submit",
  "vote",
  "edit",
  "save",
  "subscribe",
  "report",
  "modposts",
  "modcontributors",
  "modothers",
  "modconfig",
  "modlog",
  "privatemessages",
  "mysubreddits",
  "history",
  "account",
] as const;

export type OAuthScope = (typeof OAUTH_SCOPES)[number];

const KNOWN: ReadonlySet<string> = new Set(OAUTH_SCOPES);

/**
 * A token request's `scope` (space- or comma-separated, as clients send it) → the granted scope
 * string: "*" when absent or when it asks for "*", otherwise the known scopes, deduplicated,
 * in reddit's order. null when it names a scope that does not exist (answer `invalid_scope`).
 */
export function grantedScope(requested: string | undefined): string | null {
  const parts = (requested ?? "").split(/[\s,]+/).filter((s) => s !== "");
  if (parts.length === 0 || parts.includes("*")) return "*";
  if (parts.some((p) => !KNOWN.has(p))) return null;
  return OAUTH_SCOPES.filter((s) => parts.includes(s)).join(" ");
}

/** Whether a granted scope string allows `needed`. */
export function scopeAllows(granted: string, needed: OAuthScope): boolean {
  const parts = granted.split(" ");
  return parts.includes("*") || parts.includes(needed);
}
