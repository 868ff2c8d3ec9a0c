import { AuthRequiredError, ForbiddenError } from "@hivemind/core";
import type { Actor, AuthResolver } from "./actor.js";
import { SESSION_COOKIE, sessionIdOf } from "./tokens.js";
import type { AppServices } from "../services.js";

function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * CSRF: a cookie rides along on cross-site requests, a bearer token does not.
 * So a write authenticated by cookie must come from our own origin: the
 * Origin header (sent by every current browser on POST) must match the host.
 */
function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host) throw new ForbiddenError("cross-site request refused: missing Origin", { field: "origin" });
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ForbiddenError("cross-site request refused: bad Origin", { field: "origin" });
  }
  if (originHost !== host) throw new ForbiddenError("cross-site request refused", { field: "origin" });
}

/** Resolves the `hm_session` cookie or an `Authorization: bearer` token to an Actor. */
export function createAuthResolver(services: Omit<AppServices, "auth">): AuthResolver {
  async function lookup(token: string, kind: "cookie" | "bearer"): Promise<Actor | null> {
    const id = sessionIdOf(token);
    const session = await services.db.session.findUnique({ where: { id }, include: { user: true } });
    if (!session || session.kind !== kind || session.expiresAt.getTime() <= services.now()) return null;
    return { userId: session.userId, name: session.user.name, isAdmin: session.user.isAdmin, via: kind, sessionId: id };
  }

  return {
    async resolve(req, { write }) {
      const authorization = req.headers.get("authorization");
      const bearer = authorization?.match(/^bearer\s+(\S+)$/i)?.[1];
      if (bearer) {
        const actor = await lookup(bearer, "bearer");
        if (!actor) throw new AuthRequiredError("invalid or expired token", { code: "INVALID_TOKEN" });
        return actor;
      }
      const cookie = cookieValue(req.headers.get("cookie"), SESSION_COOKIE);
      if (!cookie) return null;
      const actor = await lookup(cookie, "cookie");
      if (actor && write) assertSameOrigin(req);
      return actor;
    },
  };
}

