import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "hm_session";

/** A new session secret: 32 random bytes, base64url. Only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The sessions row id for a token: sha256, hex. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
