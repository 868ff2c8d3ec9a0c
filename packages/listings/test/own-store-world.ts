import { randomUUID } from "node:crypto";
import { createCacheRing, type CacheRing } from "@hivemind/cache";
import { config } from "@hivemind/config";
import { createDeps, createTestDatabase, type Deps, type TestDatabase } from "@hivemind/db";
import { applyCassandraMigrations } from "@hivemind/infra";
import { createListingsCassandra } from "../src/store/index.js";

export interface StoreWorld {
  keyspace: string;
  /** A listing-name prefix of the test's own on the stack's Redis. */
  namespace: string;
  database: TestDatabase;
  deps: Deps & { destroy(): Promise<void> };
  ring: CacheRing;
  cassandra: ReturnType<typeof createListingsCassandra>;
  destroy(): Promise<void>;
}

/**
 * What a listing-store test runs on: its own database, its own Cassandra keyspace and listing-name
 * prefix on the stack's Cassandra and Redis. `prefix` names them (hm_<prefix>_…).
 */
export async function ownStoreWorld(prefix: string, applicationName: string): Promise<StoreWorld> {
  const cfg = config();
  const keyspace = `hm_${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const namespace = `${prefix}${randomUUID().slice(0, 8)}/`;
  const database = await createTestDatabase();
  const deps = await createDeps({ url: database.url, applicationName });
  await applyCassandraMigrations(cfg, { keyspace });
  const ring = createCacheRing({ nodes: cfg.redis.nodes });
  await ring.start();
  const cassandra = createListingsCassandra({ contactPoint: cfg.cassandra.contactPoint, localDataCenter: cfg.cassandra.localDataCenter, readTimeoutMs: 10_000 });
  return {
    keyspace,
    namespace,
    database,
    deps,
    ring,
    cassandra,
    async destroy() {
      await ring.destroy();
      await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`).catch(() => undefined);
      await cassandra.shutdown();
      await deps.destroy();
      await database.drop();
    },
  };
}
