import type { Viewer } from "@hivemind/core";
import type { ApiRequest } from "../http/request.js";

/** Who is making a request (the domain's Viewer) and how they proved it: a session cookie or a bearer token. */
export interface Actor extends Viewer {
  via: "cookie" | "bearer";
  /** sha256 of the session secret: the sessions row id. */
  sessionId: string;
  /** A bearer token's granted scopes (space-separated, `*` for all); "*" for a browser session. */
  scope: string;
}

export interface AuthResolver {
  /**
   * Resolves the actor, or null when anonymous. A cookie-authenticated write
   * from another origin throws ForbiddenError (CSRF); an invalid or expired
   * bearer token throws AuthRequiredError.
   */
  resolve(req: ApiRequest, opts: { write: boolean }): Promise<Actor | null>;
}
