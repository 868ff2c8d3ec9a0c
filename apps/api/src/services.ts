import { config, type ServiceConfig } from "@hivemind/config";
import { createDeps, type Deps } from "@hivemind/db";
import { staticLiveConfig, type LiveConfigView } from "@hivemind/coord";
import { createActionLimiter, type AccountServices, type ActionLimiter } from "@hivemind/accounts";
import { liveLimits, staticLimits, type Limits } from "@hivemind/core";
import { createCacheRing, type CacheRing } from "@hivemind/cache";
import { createReadPath, postgresListingReader, type ListingReader, type ReadPath } from "@hivemind/listings";
import { createCommentStore, createListingStore, createListingsCassandra, type CommentStore } from "@hivemind/listings/store";
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
   * computes every listing from Postgres on each read (tests of the read path without a worker).
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
  const ownRing = opts.ring === undefined;
  const ring = opts.ring ?? createCacheRing({ nodes: cfg.redis.nodes });
  if (ownRing) await ring.start();
  // The site's own database uses the worker's names; any other (a test's, a bench's) its own prefix.
  const database = new URL(opts.databaseUrl ?? cfg.postgres.url).pathname.slice(1);
  const namespace = database === cfg.postgres.database ? "" : `${database}:`;
  const cassandra = createListingsCassandra({ contactPoint: opts.cassandraContactPoint ?? cfg.cassandra.contactPoint, localDataCenter: cfg.cassandra.localDataCenter, readTimeoutMs: 1_000 });
  const storeDeps = { pool: deps.pool, ring, cassandra, keyspace: cfg.cassandra.keyspace, namespace, now: deps.now };
  const comments = createCommentStore(storeDeps);
  const live = opts.live ?? staticLiveConfig();
  const limits = opts.limits ?? liveLimits(live, staticLimits(cfg.rateLimits));
  const reads = createReadPath({ db: deps.db, ring, now: deps.now, namespace: database, listings: opts.listings === "postgres" ? postgresListingReader(deps.db, deps.now) : (opts.listings ?? createListingStore(storeDeps)) });
  const destroy = async () => {
    await cassandra.shutdown();
    if (ownRing) await ring.destroy();
    await deps.destroy();
  };
  return { ...deps, destroy, cfg, ring, reads, comments, auth: createAuthResolver(deps), live, limits, rateLimiter: createActionLimiter(deps.pool, limits), onArgon2: opts.onArgon2 };
}
