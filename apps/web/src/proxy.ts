import { NextResponse, type NextRequest } from "next/server";

/**
 * Security headers of every page. The Content-Security-Policy carries a fresh nonce per
 * request: Next.js reads it from the request's CSP header and puts it on the scripts it
 * renders (its runtime, the page chunks and the inline flight data), so those run and nothing
 * else does: no inline script, no event-handler attribute, no script from another origin
 * ('strict-dynamic' lets the nonced scripts load their own chunks). User markdown is rendered
 * server-side without raw HTML, so this is a second fence behind it.
 *
 * HSTS only when the client came over https (nginx, the only way to reach the page instances,
 * sets X-Forwarded-Proto from its own scheme).
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const csp = pageCsp(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  if (request.headers.get("x-forwarded-proto") === "https") response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

export function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    // `next dev` evaluates its modules (eval source maps, fast refresh); a build never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
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

export const config = {
  // Pages, not the build's static files (those are immutable and served as they are).
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
