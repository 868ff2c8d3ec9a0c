import { AuthRequiredError } from "@hivemind/core";
import type { Actor, AuthResolver } from "./actor.js";
import { cookieValue } from "./cookies.js";
import { assertSameOrigin } from "./csrf.js";
import { SESSION_COOKIE, sessionIdOf } from "@hivemind/accounts";
import { findSessionWithUser, type Deps } from "@hivemind/db";
import type { ApiRequest } from "../http/request.js";

/** The bearer token of an `Authorization: bearer <token>` header, if any. */
export function bearerToken(req: ApiRequest): string | undefined {
  return req.header("authorization")?.match(/^bearer\s+(\S+)$/i)?.[1];
}

/** The session cookie's token, if any. */
export function sessionCookieToken(req: ApiRequest): string | undefined {
  return cookieValue(req.header("cookie"), SESSION_COOKIE);
}

/** Resolves the `hm_session` cookie or an `Authorization: bearer` token to an Actor. */
export function createAuthResolver(services: Pick<Deps, "pool" | "now">): AuthResolver {
  async function lookup(token: string, kind: "cookie" | "bearer"): Promise<Actor | null> {
    const id = sessionIdOf(token);
    const session = await findSessionWithUser(services.pool, id);
    if (!session || session.kind !== kind || session.expiresAt.getTime() <= services.now()) return null;
    return { userId: session.userId, name: session.userName, isAdmin: session.isAdmin, via: kind, sessionId: id, scope: kind === "bearer" ? session.scope : "*" };
  }

  return {
    async resolve(req, { write }) {
      const bearer = bearerToken(req);
      if (bearer) {
        const actor = await lookup(bearer, "bearer");
        if (!actor) throw new AuthRequiredError("invalid or expired token", { code: "INVALID_TOKEN" });
        return actor;
      }
      const cookie = sessionCookieToken(req);
      if (!cookie) return null;
      const actor = await lookup(cookie, "cookie");
      if (actor && write) assertSameOrigin(req);
      return actor;
    },
  };
}
