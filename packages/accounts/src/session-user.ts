import { findSessionWithMail, type Deps } from "@hivemind/db";
import { sessionIdOf } from "./tokens.js";

/** The logged-in account as a page shows it (header, karma, who is reading). */
export interface SessionUser {
  id: bigint;
  name: string;
  isAdmin: boolean;
  linkKarma: number;
  commentKarma: number;
  hasMail: boolean;
}

/**
 * The account behind a browser session token, or null when it is unknown, expired or not a cookie
 * session (server-rendered pages). One raw query: every logged-in page asks.
 */
export async function userForSessionToken(services: Pick<Deps, "pool" | "now">, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const session = await findSessionWithMail(services.pool, sessionIdOf(token));
  if (!session || session.kind !== "cookie" || session.expiresAt.getTime() <= services.now()) return null;
  return { id: session.userId, name: session.userName, isAdmin: session.isAdmin, linkKarma: session.linkKarma, commentKarma: session.commentKarma, hasMail: session.hasMail };
}
