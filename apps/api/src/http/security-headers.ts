import type { FastifyInstance } from "fastify";
import { HSTS } from "@hivemind/config";

/**
 * The API answers JSON only, so its Content-Security-Policy allows nothing at all: a response
 * opened as a document (a browser navigating to an API URL, a JSON body sniffed as HTML) runs
 * no script, loads nothing and cannot be framed.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
};

/**
 * Every answer (routes, 404, 405, fastify's own refusals) carries the headers; HSTS only when
 * the request came over https (the socket's, or the trusted front tier's X-Forwarded-Proto):
 * over plain http a browser ignores it, and a local http stack must not pin itself to https.
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", (req, reply, payload, done) => {
    for (const [k, v] of Object.entries(API_SECURITY_HEADERS)) reply.header(k, v);
    if (req.protocol === "https") reply.header("strict-transport-security", HSTS);
    done(null, payload);
  });
}
