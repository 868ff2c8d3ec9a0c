/**
 * The client's address for per-IP limits, from X-Forwarded-For.
 *
 * Each reverse proxy appends the address it received the request from, so
 * behind N trusted proxies (TRUSTED_PROXY_HOPS) the client is the Nth entry
 * from the right; entries left of it are whatever the client sent. With no
 * proxy (0), Next.js fills the header from the socket only when the client
 * did not send one, so the per-IP limit can be sidestepped by a forged header
 * and the per-account limit is what holds: deploy behind a proxy.
 */
export function clientIp(req: Request, trustedProxyHops: number): string {
  const entries = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  if (entries.length === 0) return req.headers.get("x-real-ip")?.trim() || "unknown";
  const index = trustedProxyHops > 0 ? Math.max(entries.length - trustedProxyHops, 0) : entries.length - 1;
  return entries[index]!;
}
