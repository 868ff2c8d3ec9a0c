import type { ApiRequest } from "../http/request.js";

/** `Authorization: Basic base64(id:secret)` → its parts, or null. */
export function basicCredentials(req: ApiRequest): { clientId: string; secret: string } | null {
  const m = req.header("authorization")?.match(/^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i);
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1) return null;
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
