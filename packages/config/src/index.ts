export { readEnv, parseEnv, rateLimitVariable, ConfigError, type RawEnv, type ParsedEnv } from "./env.js";
export { envToCfg, config, assertSafeForProduction, repoRoot, DEFAULT_PG_PASSWORD, type ServiceConfig } from "./config.js";
export { cfgToEnv } from "./child-env.js";
