import path from "node:path";
import { fileURLToPath } from "node:url";
import { RATE_LIMITED_ACTIONS, defaultLiveConfig, type Limit, type RateLimitSettings } from "@hivemind/core";
import { ConfigError, parseEnv, rateLimitVariable, readEnv, type ParsedEnv, type RawEnv } from "./env.js";

export interface ServiceConfig {
  env: string;
  stateDir: string;
  postgres: { host: string; port: number; database: string; user: string; password: string; url: string; poolMax: number };
  redis: { nodes: { id: string; host: string; port: number; url: string }[] };
  zookeeper: { host: string; port: number; connectString: string };
  kafka: { host: string; port: number; controllerPort: number; brokers: string[] };
  cassandra: { host: string; port: number; storagePort: number; contactPoint: string; keyspace: string; localDataCenter: string };
  /** The front tier: the public port and the app instances it balances over. */
  front: { port: number; apiPorts: number[]; pagePorts: number[]; pageCacheSeconds: number; pageStaleSeconds: number };
  /** This API process's port (an instance's own, or the first instance's). */
  api: { port: number };
  /** This page process's port, and how many pages it renders at once. */
  web: { port: number; renderConcurrency: number };
  /** trustedProxyHops: reverse proxies in front of an app process whose X-Forwarded-For entry is trusted. */
  http: { trustedProxyHops: number };
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** NODE_ENV === "production". */
  production: boolean;
  /** Abuse limits per action (RATE_LIMIT_* variables over the live config's defaults). */
  rateLimits: RateLimitSettings;
}

/** The database password everyone knows (the stack's default); refused in production. */
export const DEFAULT_PG_PASSWORD = "hivemind";

function rateLimitsOf(e: ParsedEnv): RateLimitSettings {
  const settings = defaultLiveConfig().rateLimits;
  const vars = e as unknown as Record<string, Limit | undefined>;
  for (const action of RATE_LIMITED_ACTIONS) {
    for (const scope of ["perAccount", "perAddress"] as const) {
      const v = vars[rateLimitVariable(action, scope)];
      if (v !== undefined) settings[action][scope] = v;
    }
  }
  return settings;
}

const HOST = "127.0.0.1";
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export function envToCfg(raw: RawEnv = readEnv()): ServiceConfig {
  const e = parseEnv(raw);
  const pgUrl =
    e.DATABASE_URL ??
    `postgresql://${encodeURIComponent(e.PG_USER)}:${encodeURIComponent(e.PG_PASSWORD)}@${HOST}:${e.PG_PORT}/${e.PG_DATABASE}`;
  return {
    env: e.HIVEMIND_ENV,
    stateDir: path.resolve(e.HIVEMIND_STATE_DIR ?? path.join(repoRoot, ".state")),
    postgres: { host: HOST, port: e.PG_PORT, database: e.PG_DATABASE, user: e.PG_USER, password: e.PG_PASSWORD, url: pgUrl, poolMax: e.PG_POOL_MAX },
    redis: {
      nodes: e.REDIS_PORTS.map((port, i) => ({ id: `redis-${i}`, host: HOST, port, url: `redis://${HOST}:${port}` })),
    },
    zookeeper: { host: HOST, port: e.ZK_PORT, connectString: `${HOST}:${e.ZK_PORT}` },
    kafka: { host: HOST, port: e.KAFKA_PORT, controllerPort: e.KAFKA_CONTROLLER_PORT, brokers: [`${HOST}:${e.KAFKA_PORT}`] },
    cassandra: {
      host: HOST,
      port: e.CASSANDRA_PORT,
      storagePort: e.CASSANDRA_STORAGE_PORT,
      contactPoint: `${HOST}:${e.CASSANDRA_PORT}`,
      keyspace: `hivemind_${e.HIVEMIND_ENV}`,
      localDataCenter: "datacenter1",
    },
    front: {
      port: e.PORT,
      apiPorts: Array.from({ length: e.API_INSTANCES }, (_, i) => e.API_PORT_BASE + i),
      pagePorts: Array.from({ length: e.PAGE_INSTANCES }, (_, i) => e.PAGE_PORT_BASE + i),
      pageCacheSeconds: e.PAGE_CACHE_SECONDS,
      pageStaleSeconds: e.PAGE_STALE_SECONDS,
    },
    api: { port: e.API_PORT ?? e.API_PORT_BASE },
    web: { port: e.PAGE_PORT ?? e.PAGE_PORT_BASE, renderConcurrency: e.PAGE_RENDER_CONCURRENCY },
    http: { trustedProxyHops: e.TRUSTED_PROXY_HOPS },
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === "production",
    rateLimits: rateLimitsOf(e),
  };
}

/**
 * Refuses to start in production (NODE_ENV=production) on the database password everyone knows.
 * Called first thing by the processes an operator starts (`npm start`, the API's entry); not
 * by envToCfg, because `next start` sets NODE_ENV=production inside the page processes of the
 * local stack too.
 */
export function assertSafeForProduction(cfg: ServiceConfig): void {
  if (!cfg.production) return;
  const password = decodeURIComponent(new URL(cfg.postgres.url).password);
  if (password === DEFAULT_PG_PASSWORD) {
    throw new ConfigError("refusing to start with NODE_ENV=production on the default database password: set PG_PASSWORD (or DATABASE_URL) to a secret of your own");
  }
}

let cached: ServiceConfig | undefined;
/** The process-wide config, parsed once. */
export function config(): ServiceConfig {
  cached ??= envToCfg();
  return cached;
}
