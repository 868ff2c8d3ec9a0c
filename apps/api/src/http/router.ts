import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from "fastify";
import { AuthRequiredError, HivemindError, InsufficientScopeError, NotFoundError, fromZodError, scopeAllows } from "@hivemind/core";
import type { Actor } from "../auth/actor.js";
import { errorReply } from "./error-response.js";
import type { InFlight } from "./in-flight.js";
import { refuseNul, toParams } from "./params.js";
import { ApiReply, JsonText } from "./reply.js";
import { apiRequestOf } from "./request.js";
import type { Route } from "./route.js";
import type { AppServices } from "../services.js";

const JSON_TYPE = "application/json; charset=utf-8";

/** Writes an ApiReply: JSON body, status, headers, cookies; never cached by a shared cache. */
export function send(reply: FastifyReply, r: ApiReply): FastifyReply {
  reply.code(r.status).header("content-type", JSON_TYPE).header("cache-control", "no-store");
  for (const [k, v] of Object.entries(r.headers)) reply.header(k, v);
  if (r.cookies.length > 0) reply.header("set-cookie", [...r.cookies]);
  return reply.send(r.body instanceof JsonText ? r.body.text : JSON.stringify(r.body ?? {}));
}

/** A bearer token must carry the route's scope (InsufficientScopeError, reddit's 403, otherwise). */
function requireScope(route: Route, actor: Actor | null, input: unknown): void {
  if (!actor || actor.via !== "bearer" || route.scope === "none") return;
  const needed = typeof route.scope === "function" ? route.scope(input as never) : route.scope;
  // A route that declares no scope is open to `*` tokens only.
  const ok = needed === undefined ? actor.scope.split(" ").includes("*") : scopeAllows(actor.scope, needed);
  if (!ok) throw new InsufficientScopeError(needed ?? "*");
}

/** `/comments/:id{/:slug}{/:comment}` → every concrete path it stands for. */
export function expandOptionalSegments(path: string): string[] {
  const m = /^([^{]*)((?:\{\/:[a-z_]+\})*)$/i.exec(path);
  if (!m) throw new Error(`unsupported route path ${path}`);
  const optional = m[2]!.match(/\{(\/:[a-z_]+)\}/gi)?.map((g) => g.slice(1, -1)) ?? [];
  return optional.map((_, i) => m[1] + optional.slice(0, i + 1).join("")).concat(m[1]!).reverse();
}

/**
 * Registers the route table on fastify (its radix router does the matching): authenticate →
 * parse input with the route's schema → run the handler → JSON. Every error becomes an answer
 * through one table (error-response.ts). A path that exists under other methods answers 405.
 */
export function registerRoutes(app: FastifyInstance, routes: readonly Route[], services: AppServices, inFlight: InFlight): void {
  const methodsByPath = new Map<string, Set<string>>();
  for (const route of routes) {
    for (const url of expandOptionalSegments(route.path)) {
      const seen = methodsByPath.get(url) ?? new Set<string>();
      seen.add(route.method);
      methodsByPath.set(url, seen);
      app.route({ method: route.method, url, handler: (req, reply) => inFlight.run(() => run(route, req, reply)) });
    }
  }
  const ALL: HTTPMethods[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
  for (const [url, methods] of methodsByPath) {
    const others = ALL.filter((m) => !methods.has(m));
    if (others.length > 0) {
      app.route({ method: others, url, exposeHeadRoute: false, handler: (_req, reply) => send(reply, new ApiReply({ error: 405, message: "Method Not Allowed" }, 405, { allow: [...methods].join(", ") })) });
    }
  }
  app.setNotFoundHandler((req, reply) => send(reply, errorReply(new NotFoundError(`no API route for ${req.url.split("?")[0]}`))));
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    // fastify's own refusals (body too large, bad content type, malformed URL) are 4xx with a code.
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      const tooLarge = err.statusCode === 413;
      const refusal = new HivemindError(tooLarge ? "TOO_LONG" : "BAD_REQUEST", tooLarge ? "request body is too large" : err.message, err.statusCode, { field: tooLarge ? "body" : "" });
      return send(reply, errorReply(refusal));
    }
    return send(reply, errorReply(err));
  });

  async function run(route: Route, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    try {
      const request = apiRequestOf(req);
      const write = req.method !== "GET" && req.method !== "HEAD";
      const actor = await services.auth.resolve(request, { write });
      if (route.auth === "required" && !actor) throw new AuthRequiredError("you must be logged in to do that");
      const params = toParams(req.query as Record<string, string>, req.body as string | undefined, req.headers["content-type"]);
      refuseNul(params);
      refuseNul(req.params as Record<string, string>);
      const parsed = route.input.safeParse(params);
      if (!parsed.success) throw fromZodError(parsed.error);
      requireScope(route, actor, parsed.data);
      const action = typeof route.rateLimit === "function" ? route.rateLimit(parsed.data as never) : route.rateLimit;
      if (action) await services.rateLimiter.consume(action, { account: actor ? String(actor.userId) : undefined, address: request.ip });
      const result = await route.handler({ req: request, input: parsed.data, path: req.params as Record<string, string>, actor: actor as never, services });
      return send(reply, result instanceof ApiReply ? result : new ApiReply(result));
    } catch (err) {
      return send(reply, errorReply(err, req));
    }
  }
}
