export { readEnv, parseEnv, ConfigError, type RawEnv, type ParsedEnv } from "./env.js";
export { envToCfg, config, repoRoot, type ServiceConfig } from "./config.js";
export { cfgToEnv } from "./child-env.js";
