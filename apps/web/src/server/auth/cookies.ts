import { SESSION_COOKIE } from "./tokens.js";

/** A browser session lasts 30 days; logging out or changing the password ends it sooner. */
export const COOKIE_SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

/** True when the client reached us over https (directly, or through a proxy that says so). */
export function isHttps(req: Request): boolean {
  const forwarded = req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return new URL(req.url).protocol === "https:";
}

function attributes(req: Request, maxAgeSeconds: number): string {
  const parts = ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (isHttps(req)) parts.push("Secure");
  return parts.join("; ");
}

/** Set-Cookie value carrying a session token: HttpOnly, SameSite=Lax, Path=/, Secure over https. */
export function sessionCookie(req: Request, token: string): string {
  return `${SESSION_COOKIE}=${token}; ${attributes(req, Math.floor(COOKIE_SESSION_TTL_MS / 1000))}`;
}

/** Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(req: Request): string {
  return `${SESSION_COOKIE}=; ${attributes(req, 0)}`;
}

/** Reads one cookie from a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
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
