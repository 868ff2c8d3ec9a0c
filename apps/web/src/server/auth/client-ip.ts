/**
 * The client's address for per-IP limits. The web runs behind a proxy or
 * load balancer that sets X-Forwarded-For (leftmost = the client) or
 * X-Real-IP; with neither, all such requests share one bucket.
 */
export function clientIp(req: Request): string {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded;
  return req.headers.get("x-real-ip")?.trim() || "unknown";
}
