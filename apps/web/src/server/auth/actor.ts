/** Who is making a request, as resolved from a session cookie or a bearer token. */
export interface Actor {
  userId: bigint;
  name: string;
  isAdmin: boolean;
  via: "cookie" | "bearer";
  /** sha256 of the session secret: the sessions row id. */
  sessionId: string;
}

export interface AuthResolver {
  /**
   * Resolves the actor, or null when anonymous. A cookie-authenticated write
   * from another origin throws ForbiddenError (CSRF); an invalid or expired
   * bearer token throws AuthRequiredError.
   */
  resolve(req: Request, opts: { write: boolean }): Promise<Actor | null>;
}
