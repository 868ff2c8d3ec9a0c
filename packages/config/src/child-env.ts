import { RATE_LIMITED_ACTIONS } from "@hivemind/core";
import type { ServiceConfig } from "./config.js";
import { rateLimitVariable } from "./env.js";

/**
 * The environment that makes envToCfg() in a child process build this same config: how a
 * launcher hands a config (a test site's own ports and database, say) to the app processes it
 * starts. Contiguous port lists only (they are built from a base and a count).
 */
export function cfgToEnv(cfg: ServiceConfig): Record<string, string> {
  const base = (ports: number[], what: string) => {
    const first = ports[0];
    if (first === undefined || ports.some((p, i) => p !== first + i)) throw new Error(`${what} must be contiguous: ${ports.join(",")}`);
    return String(first);
  };
  return {
    HIVEMIND_ENV: cfg.env,
    HIVEMIND_STATE_DIR: cfg.stateDir,
    PG_PORT: String(cfg.postgres.port),
    PG_DATABASE: cfg.postgres.database,
    PG_USER: cfg.postgres.user,
    PG_PASSWORD: cfg.postgres.password,
    DATABASE_URL: cfg.postgres.url,
    PG_POOL_MAX: String(cfg.postgres.poolMax),
    REDIS_PORTS: cfg.redis.nodes.map((n) => n.port).join(","),
    ZK_PORT: String(cfg.zookeeper.port),
    KAFKA_PORT: String(cfg.kafka.port),
    KAFKA_CONTROLLER_PORT: String(cfg.kafka.controllerPort),
    CASSANDRA_PORT: String(cfg.cassandra.port),
    CASSANDRA_STORAGE_PORT: String(cfg.cassandra.storagePort),
    PORT: String(cfg.front.port),
    API_INSTANCES: String(cfg.front.apiPorts.length),
    API_PORT_BASE: base(cfg.front.apiPorts, "API ports"),
    PAGE_INSTANCES: String(cfg.front.pagePorts.length),
    PAGE_PORT_BASE: base(cfg.front.pagePorts, "page ports"),
    PAGE_CACHE_SECONDS: String(cfg.front.pageCacheSeconds),
    PAGE_STALE_SECONDS: String(cfg.front.pageStaleSeconds),
    API_PORT: String(cfg.api.port),
    PAGE_PORT: String(cfg.web.port),
    PAGE_RENDER_CONCURRENCY: String(cfg.web.renderConcurrency),
    TRUSTED_PROXY_HOPS: String(cfg.http.trustedProxyHops),
    LOG_LEVEL: cfg.logLevel,
    ...(cfg.production ? { NODE_ENV: "production" } : {}),
    ...rateLimitEnv(cfg),
  };
}

/** RATE_LIMIT_<ACTION>_PER_ACCOUNT / _PER_ADDRESS for every action: `COUNT/SECONDS` or `off`. */
function rateLimitEnv(cfg: ServiceConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const action of RATE_LIMITED_ACTIONS) {
    for (const scope of ["perAccount", "perAddress"] as const) {
      const limit = cfg.rateLimits[action][scope];
      out[rateLimitVariable(action, scope)] = limit ? `${limit.count}/${limit.windowSeconds}` : "off";
    }
  }
  return out;
}
