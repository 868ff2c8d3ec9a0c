import { COOKIE_SESSION_TTL_MS, SESSION_COOKIE } from "@hivemind/accounts";
import type { ApiRequest } from "../http/request.js";

function attributes(req: ApiRequest, maxAgeSeconds: number): string {
  const parts = ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (req.https) parts.push("Secure");
  return parts.join("; ");
}

/** Set-Cookie value carrying a session token: HttpOnly, SameSite=Lax, Path=/, Secure over https. */
export function sessionCookie(req: ApiRequest, token: string): string {
  return `${SESSION_COOKIE}=${token}; ${attributes(req, Math.floor(COOKIE_SESSION_TTL_MS / 1000))}`;
}

/** Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(req: ApiRequest): string {
  return `${SESSION_COOKIE}=; ${attributes(req, 0)}`;
}

/** Reads one cookie from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
