import type { ServiceConfig } from "@hivemind/config";
import { migrate } from "@hivemind/db";
import { applyCassandraMigrations } from "./cassandra-migrations.js";

/**
 * ===== MIGRATIONS HOOK =====
 * Brings every store's schema up to date: Postgres through packages/db's
 * `migrate`, Cassandra through infra/cassandra/migrations.
 * The stack must be up. Idempotent.
 */
export async function runMigrations(cfg: ServiceConfig, log: (line: string) => void = () => undefined): Promise<void> {
  const r = await migrate({ databaseUrl: cfg.postgres.url, log: (l) => log(`  postgres: ${l}`) });
  log(`  postgres: ${r.applied.length ? `applied ${r.applied.join(", ")}` : "schema up to date"}`);
  const applied = await applyCassandraMigrations(cfg);
  log(`  cassandra: ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}`);
}
