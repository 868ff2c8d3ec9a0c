import type { User, Deps } from "@hivemind/db";
import { sessionIdOf } from "./tokens.js";

/** The account behind a browser session token, or null when it is unknown or expired (server-rendered pages). */
export async function userForSessionToken(services: Pick<Deps, "db" | "now">, token: string | undefined): Promise<User | null> {
  if (!token) return null;
  const session = await services.db.session.findUnique({ where: { id: sessionIdOf(token) }, include: { user: true } });
  if (!session || session.kind !== "cookie" || session.expiresAt.getTime() <= services.now()) return null;
  return session.user;
}
