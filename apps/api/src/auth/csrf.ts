import { ForbiddenError } from "@hivemind/core";
import type { ApiRequest } from "../http/request.js";

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * CSRF for cookie-authenticated writes: a cookie rides along on cross-site
 * requests, a bearer token does not. So such a write must carry an Origin
 * (every current browser sends one on POST) naming our own host.
 */
export function assertSameOrigin(req: ApiRequest): void {
  const origin = req.header("origin");
  const host = new URL(req.origin).host;
  if (!origin || !host) throw new ForbiddenError("cross-site request refused: missing Origin", { field: "origin" });
  const from = originHost(origin);
  if (from === null) throw new ForbiddenError("cross-site request refused: bad Origin", { field: "origin" });
  if (from !== host) throw new ForbiddenError("cross-site request refused", { field: "origin" });
}

/**
 * Login CSRF: a foreign page must not log a visitor into the attacker's
 * account. Anonymous writes (login, register) are refused when a browser says
 * they come from another origin; clients that send no Origin (PRAW, curl) pass.
 */
export function assertNotCrossSite(req: ApiRequest): void {
  if (req.header("origin") === undefined) return;
  assertSameOrigin(req);
}
