export { readEnv, parseEnv, rateLimitVariable, ConfigError, type RawEnv, type ParsedEnv } from "./env.js";
export { envToCfg, config, assertSafeForProduction, repoRoot, DEFAULT_PG_PASSWORD, type ServiceConfig } from "./config.js";
export { cfgToEnv } from "./child-env.js";
export { UPSTREAM_KEEPALIVE_SECONDS, APP_KEEP_ALIVE_TIMEOUT_MS } from "./keep-alive.js";
export { HSTS } from "./hsts.js";
