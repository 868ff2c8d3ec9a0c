import { config, type ServiceConfig } from "@hivemind/config";
import { createDb, createLeasedIdSource, createPool, destroyDb, type Db } from "@hivemind/db";
import type pg from "pg";
import { createAuthResolver } from "./auth/resolver.js";
import type { AuthResolver } from "./auth/actor.js";

/** Everything a route handler may use; built once per process. */
export interface AppServices {
  cfg: ServiceConfig;
  db: Db;
  /** Raw pool for hot paths and advisory locks. */
  pool: pg.Pool;
  /** Time-ordered ids; the worker id is leased from Postgres so processes never collide. */
  ids: { next(): bigint };
  auth: AuthResolver;
  now(): number;
}

export interface CreateServicesOptions {
  cfg?: ServiceConfig;
  databaseUrl?: string;
  now?: () => number;
}

export async function createServices(opts: CreateServicesOptions = {}): Promise<AppServices & { destroy(): Promise<void> }> {
  const cfg = opts.cfg ?? config();
  const url = opts.databaseUrl ?? cfg.postgres.url;
  const pool = createPool({ url, applicationName: "hivemind-web", max: cfg.postgres.poolMax });
  const db = createDb({ pool });
  const now = opts.now ?? Date.now;
  const ids = await createLeasedIdSource(pool, now);
  const base = { cfg, db, pool, ids, now };
  const services: AppServices = { ...base, auth: createAuthResolver(base) };
  return {
    ...services,
    async destroy() {
      await ids.destroy();
      await destroyDb(db);
      await pool.end();
    },
  };
}

const GLOBAL_KEY = Symbol.for("hivemind.web.services");
type Global = { [GLOBAL_KEY]?: Promise<AppServices> };

/** The process-wide services (kept on globalThis so Next's dev reloads reuse them). */
export function appServices(): Promise<AppServices> {
  const g = globalThis as Global;
  g[GLOBAL_KEY] ??= createServices();
  return g[GLOBAL_KEY];
}
