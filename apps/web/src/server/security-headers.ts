import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HSTS } from "@hivemind/config";

/** Built files, served by nginx from disk in production: no page, no nonce. */
const STATIC_PREFIXES = ["/_next/static/", "/_next/image", "/favicon.ico"];

/**
 * Security headers of every page, set by the page server before Next.js handles the request.
 * The Content-Security-Policy carries a fresh nonce per request: Next.js reads it from the
 * request's CSP header and puts it on the scripts it renders (its runtime, the page chunks and
 * the inline flight data), so those run and nothing else does: no inline script, no
 * event-handler attribute, no script from another origin ('strict-dynamic' lets the nonced
 * scripts load their own chunks). User markdown is rendered server-side without raw HTML, so
 * this is a second fence behind it.
 *
 * HSTS only when the client came over https (nginx, the only way to reach the page instances,
 * sets X-Forwarded-Proto from its own scheme).
 */
export function setPageSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  if (STATIC_PREFIXES.some((p) => req.url?.startsWith(p))) return;
  const csp = pageCsp(randomBytes(16).toString("base64"));
  req.headers["content-security-policy"] = csp;
  res.setHeader("content-security-policy", csp);
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "strict-origin-when-cross-origin");
  if (req.headers["x-forwarded-proto"] === "https") res.setHeader("strict-transport-security", HSTS);
}

export function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React sets style attributes; no stylesheet comes from elsewhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
