import { z } from "zod";
import { RATE_LIMITED_ACTIONS } from "@hivemind/core";

/**
 * The one place that reads process.env. Every other module receives a typed
 * config built by envToCfg(). Defaults keep clear of a system Postgres (5432),
 * Redis (6379), ZooKeeper (2181), Kafka (9092) and Cassandra (9042).
 */
const port = z.coerce.number().int().min(1).max(65535);

/** `COUNT/SECONDS` (at most COUNT per SECONDS) or `off` (unlimited). */
const limitValue = z
  .string()
  .trim()
  .regex(/^(off|\d+\/\d+)$/, "COUNT/SECONDS (e.g. 30/3600) or off")
  .transform((s) => {
    if (s === "off") return null;
    const [count, windowSeconds] = s.split("/").map(Number) as [number, number];
    return { count, windowSeconds: Math.max(1, windowSeconds) };
  })
  .optional();

/** `createCommunity` → `CREATE_COMMUNITY`. */
export function rateLimitVariable(action: string, scope: "perAccount" | "perAddress"): string {
  const a = action.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
  return `RATE_LIMIT_${a}_${scope === "perAccount" ? "PER_ACCOUNT" : "PER_ADDRESS"}`;
}

/**
 * RATE_LIMIT_<ACTION>_PER_ACCOUNT and _PER_ADDRESS for every rate-limited action (REGISTER,
 * LOGIN, CREATE_COMMUNITY, SUBMIT, COMMENT, MESSAGE, VOTE, REPORT); unset: the live config's default.
 */
function rateLimitVariables(): Record<string, typeof limitValue> {
  const out: Record<string, typeof limitValue> = {};
  for (const action of RATE_LIMITED_ACTIONS) for (const scope of ["perAccount", "perAddress"] as const) out[rateLimitVariable(action, scope)] = limitValue;
  return out;
}

const envSchema = z.object({
  HIVEMIND_STATE_DIR: z.string().optional(),
  HIVEMIND_ENV: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, "lower-case identifier").default("dev"),
  PG_PORT: port.default(55432),
  PG_DATABASE: z.string().default("hivemind"),
  PG_USER: z.string().default("hivemind"),
  PG_PASSWORD: z.string().default("hivemind"),
  DATABASE_URL: z.string().url().optional(),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  REDIS_PORTS: z
    .string()
    .default("56379,56380,56381")
    .transform((s, ctx) => {
      const ports = s.split(",").map((p) => Number(p.trim()));
      if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
        ctx.addIssue({ code: "custom", message: "comma-separated list of ports" });
        return z.NEVER;
      }
      return ports;
    }),
  ZK_PORT: port.default(52181),
  KAFKA_PORT: port.default(59092),
  KAFKA_CONTROLLER_PORT: port.default(59093),
  CASSANDRA_PORT: port.default(59042),
  CASSANDRA_STORAGE_PORT: port.default(57000),
  // The front tier (nginx): the one public port, and the app instances behind it.
  PORT: port.default(3000),
  API_INSTANCES: z.coerce.number().int().min(1).max(32).default(2),
  API_PORT_BASE: port.default(53010),
  PAGE_INSTANCES: z.coerce.number().int().min(1).max(32).default(1),
  PAGE_PORT_BASE: port.default(53050),
  /** Seconds a logged-out page is served from the front tier's cache, and served stale while one request refreshes it. */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  PAGE_STALE_SECONDS: z.coerce.number().int().min(0).max(86400).default(30),
  /** This process's own port, set by the launcher for each app instance. */
  API_PORT: port.optional(),
  PAGE_PORT: port.optional(),
  /** Pages a page instance renders at once; the rest wait their turn in arrival order. */
  PAGE_RENDER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /**
   * Proxies in front of an app process whose X-Forwarded-For entry is trusted. 0: the socket's
   * peer is the client and no header is read. The launcher sets 1 for the apps behind nginx.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** "production" makes the start refuse the default database password. */
  NODE_ENV: z.string().optional(),
  ...rateLimitVariables(),
});

export type RawEnv = z.input<typeof envSchema>;
export type ParsedEnv = z.output<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function readEnv(source: Record<string, string | undefined> = process.env): RawEnv {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  return raw as RawEnv;
}

export function parseEnv(raw: RawEnv): ParsedEnv {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") ?? "?";
    throw new ConfigError(`invalid environment variable ${field}: ${issue?.message ?? "invalid"}`);
  }
  return result.data;
}
