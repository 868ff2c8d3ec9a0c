import type { Db, Prisma } from "@hivemind/db";
import { newSessionToken, sessionIdOf } from "./tokens.js";

/** A browser session lasts 30 days; logging out or changing the password ends it sooner. */
export const COOKIE_SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

type Writer = Db | Prisma.TransactionClient;

export interface NewSession {
  /** The secret handed to the client (cookie value or bearer token); never stored. */
  token: string;
  expiresAt: Date;
}

/** Stores a session (its id is the token's sha256) and returns the secret. */
export async function createSession(
  db: Writer,
  opts: { userId: bigint; kind: "cookie" | "bearer"; ttlMs: number; now: number; clientId?: string; scope?: string },
): Promise<NewSession> {
  const token = newSessionToken();
  const expiresAt = new Date(opts.now + opts.ttlMs);
  await db.session.create({
    data: {
      id: sessionIdOf(token),
      userId: opts.userId,
      kind: opts.kind,
      clientId: opts.clientId ?? null,
      scope: opts.scope ?? "",
      expiresAt,
      createdAt: new Date(opts.now),
      lastSeenAt: new Date(opts.now),
    },
  });
  return { token, expiresAt };
}

/** Ends one session (logout). */
export async function deleteSession(db: Writer, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user except `keep` (password change): cookies and tokens alike. */
export async function deleteOtherSessions(db: Writer, userId: bigint, keep: string | null): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  return count;
}
