import { config, type ServiceConfig } from "@hivemind/config";
import { createDeps, type Deps } from "@hivemind/db";
import { createAuthResolver } from "./auth/resolver.js";
import type { AuthResolver } from "./auth/actor.js";

/** Everything a route handler may use: the domain's Deps, the config and the auth resolver. */
export interface AppServices extends Deps {
  cfg: ServiceConfig;
  auth: AuthResolver;
}

export interface CreateServicesOptions {
  cfg?: ServiceConfig;
  databaseUrl?: string;
  now?: () => number;
}

export async function createServices(opts: CreateServicesOptions = {}): Promise<AppServices & { destroy(): Promise<void> }> {
  const cfg = opts.cfg ?? config();
  const deps = await createDeps({
    url: opts.databaseUrl ?? cfg.postgres.url,
    applicationName: "hivemind-api",
    poolMax: cfg.postgres.poolMax,
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { ...deps, cfg, auth: createAuthResolver(deps) };
}
