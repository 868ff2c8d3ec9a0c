/**
 * Which requests the JSON API answers, and under which canonical path.
 *
 * Reddit's OAuth host answers every path with JSON, with or without a `.json`
 * suffix, and its clients rely on that; the browser host answers `.json`
 * paths with JSON and the rest with HTML. So a request is an API request when
 * its path is under /api/, ends in .json, or carries a bearer token.
 * The canonical path drops `.json` and any trailing slash.
 */
export function apiPathOf(pathname: string, authorization: string | null): string | null {
  const hasBearer = authorization !== null && /^bearer\s+\S/i.test(authorization);
  const isJsonSuffix = /\.json\/?$/.test(pathname);
  const isApi = pathname === "/api" || pathname.startsWith("/api/") || /^\/r\/[^/]+\/api\//.test(pathname);
  if (!hasBearer && !isJsonSuffix && !isApi) return null;
  let path = pathname.replace(/\/+$/, "").replace(/\.json$/, "");
  if (path === "") path = "/";
  return path;
}

/** The internal prefix the proxy rewrites API requests to (one catch-all route handler). */
export const API_MOUNT = "/rapi";
