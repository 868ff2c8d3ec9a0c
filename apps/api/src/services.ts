import { config, type ServiceConfig } from "@hivemind/config";
import { createDeps, type Deps } from "@hivemind/db";
import { staticLiveConfig, type LiveConfigView } from "@hivemind/coord";
import { createActionLimiter, type AccountServices, type ActionLimiter } from "@hivemind/accounts";
import { liveLimits, staticLimits, type Limits } from "@hivemind/core";
import type { CacheRing } from "@hivemind/cache";
import { createReadServices, type ListingReader, type ReadPath } from "@hivemind/listings";
import type { CommentStore } from "@hivemind/listings/store";
import { createAuthResolver } from "./auth/resolver.js";
import type { AuthResolver } from "./auth/actor.js";

/**
 * Everything a route handler may use: the domain's Deps, the config, the auth resolver, the
 * abuse limits (one Limits provider: the live config's, the environment's as the fallback) and
 * the rate limiter that applies them.
 */
export interface AppServices extends Deps, AccountServices {
  cfg: ServiceConfig;
  auth: AuthResolver;
  /** The Redis cache ring (listings, things). */
  ring: CacheRing;
  /** The listing read path (@hivemind/listings). */
  reads: ReadPath;
  /** Comment orders and trees per post (@hivemind/listings store). */
  comments: CommentStore;
  /** The live config in force (read it where used: it changes without a restart). */
  live: LiveConfigView;
  limits: Limits;
  rateLimiter: ActionLimiter;
}

export interface CreateServicesOptions {
  cfg?: ServiceConfig;
  databaseUrl?: string;
  now?: () => number;
  /** A ring of the caller's (fault tests); default one over cfg.redis.nodes, owned and destroyed here. */
  ring?: CacheRing;
  /**
   * The skeleton source; default the listing store (Redis → Cassandra → Postgres). "postgres"
   * computes every listing and comment order from Postgres on each read (tests of the read path
   * without a worker).
   */
  listings?: ListingReader | "postgres";
  /** Where a Cassandra client connects (fault tests point it at a closed port); default cfg.cassandra. */
  cassandraContactPoint?: string;
  /** The process's LiveConfig (main.ts starts one); default: the built-in defaults, never changing. */
  live?: LiveConfigView;
  /** Default: the live config's rateLimits once a document is in force, the environment's (cfg.rateLimits, RATE_LIMIT_*) until then. */
  limits?: Limits;
  /** Observes every argon2 hash and verification (tests count them). */
  onArgon2?: (op: "hash" | "verify") => void;
}

export async function createServices(opts: CreateServicesOptions = {}): Promise<AppServices & { destroy(): Promise<void> }> {
  const cfg = opts.cfg ?? config();
  const deps = await createDeps({
    url: opts.databaseUrl ?? cfg.postgres.url,
    applicationName: "hivemind-api",
    poolMax: cfg.postgres.poolMax,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const live = opts.live ?? staticLiveConfig();
  const limits = opts.limits ?? liveLimits(live, staticLimits(cfg.rateLimits));
  const { ring, database, reads, comments, destroy: destroyReads } = await createReadServices(deps, cfg, {
    settings: () => live.current(),
    ...(opts.ring ? { ring: opts.ring } : {}),
    ...(opts.listings ? { skeleton: opts.listings } : {}),
    ...(opts.cassandraContactPoint ? { cassandraContactPoint: opts.cassandraContactPoint } : {}),
  });
  const destroy = async () => {
    await destroyReads();
    await deps.destroy();
  };
  return { ...deps, destroy, cfg, ring, reads, comments, auth: createAuthResolver(deps), live, limits, rateLimiter: createActionLimiter(ring, limits, { namespace: `${database}:` }), onArgon2: opts.onArgon2 };
}
