import { match, type MatchFunction } from "path-to-regexp";
import { AuthRequiredError, NotFoundError, fromZodError } from "@hivemind/core";
import { readParams } from "./params.js";
import { errorResponse } from "./error-response.js";
import type { Route } from "./route.js";
import type { AppServices } from "../services.js";

interface CompiledRoute {
  route: Route;
  matchPath: MatchFunction<Record<string, string>>;
}

export type ApiHandler = (req: Request, apiPath: string) => Promise<Response>;

/**
 * The API dispatcher: match → authenticate → parse input with the route's
 * schema → run the handler → JSON. Every error becomes a response through one
 * table (error-response.ts).
 */
export function createRouter(routes: readonly Route[], services: () => Promise<AppServices>): ApiHandler {
  const compiled: CompiledRoute[] = routes.map((route) => ({ route, matchPath: match<Record<string, string>>(route.path, { decode: decodeURIComponent }) }));

  return async (req, apiPath) => {
    try {
      const method = req.method === "HEAD" ? "GET" : req.method;
      let pathMatched = false;
      for (const { route, matchPath } of compiled) {
        const m = matchPath(apiPath);
        if (!m) continue;
        pathMatched = true;
        if (route.method !== method) continue;
        const svc = await services();
        const actor = await svc.auth.resolve(req, { write: method !== "GET" });
        if (route.auth === "required" && !actor) throw new AuthRequiredError("you must be logged in to do that");
        const params = await readParams(req);
        const parsed = route.input.safeParse(params);
        if (!parsed.success) throw fromZodError(parsed.error);
        const result = await route.handler({ req, input: parsed.data, path: m.params, actor: actor as never, services: svc });
        if (result instanceof Response) return result;
        return Response.json(result ?? {}, { headers: { "cache-control": "no-store" } });
      }
      if (pathMatched) return Response.json({ error: 405, message: "Method Not Allowed" }, { status: 405 });
      throw new NotFoundError(`no API route for ${apiPath}`);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
