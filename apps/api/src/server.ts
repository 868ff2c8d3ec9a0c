import Fastify, { type FastifyInstance } from "fastify";
import { APP_KEEP_ALIVE_TIMEOUT_MS } from "@hivemind/config";
import { registerRoutes } from "./http/router.js";
import { registerCacheInvalidation } from "./http/cache-invalidation.js";
import { MAX_BODY_BYTES } from "./http/params.js";
import { addSecurityHeaders } from "./http/security-headers.js";
import { liveConfigGuard } from "./http/read-only.js";
import { allRoutes } from "./routes/index.js";
import type { AppServices } from "./services.js";
import { InFlight } from "./http/in-flight.js";

declare module "fastify" {
  interface FastifyInstance {
    /** Resolves true once no route handler is running (false after `timeoutMs`): shutdown waits for it before closing the pools. */
    handlersDrained(timeoutMs: number): Promise<boolean>;
  }
}

/** `.json` and a trailing slash name the same resource (reddit's clients use both); never redirected. */
export function canonicalUrl(url: string): string {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  // Either order: `/r/x/.json` (PRAW's and reddit's) and `/r/x.json/` both name /r/x.
  let canonical = path.replace(/\/+$/, "").replace(/\.json$/, "").replace(/\/+$/, "");
  if (canonical === "") canonical = "/";
  return q < 0 ? canonical : canonical + url.slice(q);
}

export interface ApiServerOptions {
  services: AppServices;
  /** Proxies in front of us whose X-Forwarded-For entries are trusted (0: the socket's peer is the client). */
  trustedProxyHops: number;
}

/**
 * The API server: the one factory both the production entry (main.ts) and the tests use.
 * Bodies are read as text up to MAX_BODY_BYTES while streaming (413 past it, chunked or not).
 * Every answer carries the security headers (security-headers.ts).
 */
export function createApiServer(opts: ApiServerOptions): FastifyInstance {
  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    keepAliveTimeout: APP_KEEP_ALIVE_TIMEOUT_MS,
    // Idle keep-alive connections close at once on shutdown; in-flight requests finish.
    forceCloseConnections: "idle",
    // A hop count: the client is the entry that many from the right of X-Forwarded-For.
    trustProxy: opts.trustedProxyHops > 0 ? (((_addr: string, hop: number) => hop < opts.trustedProxyHops) as (addr: string, hop: number) => boolean) : false,
    rewriteUrl: (req) => canonicalUrl(req.url ?? "/"),
    // A multireddit (`/r/a+b+…`) or a post's slug runs past fastify's default of 100 characters.
    routerOptions: { ignoreDuplicateSlashes: true, maxParamLength: 2048 },
    return503OnClosing: true,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_req, body, done) => done(null, body));
  addSecurityHeaders(app);
  // Read-only mode and sign-ups off (live config), checked before any route runs.
  app.addHook("onRequest", liveConfigGuard(opts.services.live));
  registerCacheInvalidation(app, opts.services);
  const inFlight = new InFlight();
  registerRoutes(app, allRoutes, opts.services, inFlight);
  app.decorate("handlersDrained", (timeoutMs: number) => inFlight.drained(timeoutMs));
  return app;
}
