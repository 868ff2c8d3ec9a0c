import type { FastifyReply, FastifyRequest } from "fastify";
import { ReadOnlyModeError, SignupsDisabledError } from "@hivemind/core";
import type { LiveConfigView } from "@hivemind/coord";
import { errorReply } from "./error-response.js";
import { send } from "./router.js";

/**
 * Writes that stay open in read-only mode: logging in and out (and the OAuth token exchange,
 * which is how a script logs in) change no content; like reddit, posting, voting, commenting,
 * moderating, registering and every other write is refused.
 */
export const OPEN_IN_READ_ONLY_MODE: ReadonlySet<string> = new Set(["/api/login", "/api/login/:user", "/api/logout", "/api/v1/access_token"]);

const READS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A fastify onRequest hook: reads the live config on every request (so a change applies with the
 * next request, no restart) and refuses, through the one error table, every write while
 * `readOnly.enabled` (503 READ_ONLY_MODE with the configured message) and registration while
 * `signupsEnabled` is off (403 SIGNUPS_DISABLED).
 */
export function liveConfigGuard(live: LiveConfigView) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (READS.has(req.method)) return;
    const route = req.routeOptions.url ?? "";
    const doc = live.current();
    if (doc.readOnly.enabled && !OPEN_IN_READ_ONLY_MODE.has(route)) {
      await send(reply, errorReply(new ReadOnlyModeError(doc.readOnly.message)));
      return;
    }
    if (route === "/api/register" && !doc.signupsEnabled) await send(reply, errorReply(new SignupsDisabledError()));
  };
}
