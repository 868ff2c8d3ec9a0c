import { createRouter, type ApiHandler } from "./http/router.js";
import { appServices, type AppServices } from "./services.js";
import { allRoutes } from "./routes/index.js";

/** Builds the API handler over the given services (tests pass their own). */
export function createApi(services: () => Promise<AppServices>): ApiHandler {
  return createRouter(allRoutes, services);
}

let handler: ApiHandler | undefined;
export function handleApi(req: Request, apiPath: string): Promise<Response> {
  handler ??= createApi(appServices);
  return handler(req, apiPath);
}
