import type { ServiceConfig } from "@hivemind/config";
import { applyCassandraMigrations } from "./cassandra-migrations.js";

/** What the Postgres side offers (packages/db's `migrate`), looked up at run time. */
type PgMigrate = (opts: { databaseUrl?: string; log?: (line: string) => void }) => Promise<{ applied: string[] }>;

async function loadPgMigrate(): Promise<PgMigrate | undefined> {
  // Dynamic so infra neither blocks on nor breaks with packages/db's progress.
  const spec = "@hivemind/db";
  let mod: Record<string, unknown>;
  try {
    mod = (await import(spec)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return undefined;
    throw err;
  }
  return typeof mod.migrate === "function" ? (mod.migrate as PgMigrate) : undefined;
}

/**
 * ===== MIGRATIONS HOOK =====
 * Brings every store's schema up to date: Postgres through packages/db's
 * `migrate` (when it exists), Cassandra through infra/cassandra/migrations.
 * The stack must be up. Idempotent.
 */
export async function runMigrations(cfg: ServiceConfig, log: (line: string) => void = () => undefined): Promise<void> {
  const pgMigrate = await loadPgMigrate();
  if (pgMigrate) {
    const r = await pgMigrate({ databaseUrl: cfg.postgres.url, log: (l) => log(`  postgres: ${l}`) });
    log(`  postgres: ${r.applied.length ? `applied ${r.applied.join(", ")}` : "schema up to date"}`);
  } else {
    log("  postgres: @hivemind/db exports no migrate() yet, skipped");
  }
  const applied = await applyCassandraMigrations(cfg);
  log(`  cassandra: ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}`);
}
