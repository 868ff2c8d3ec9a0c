import { fileURLToPath } from "node:url";
import pg from "pg";
import { runner } from "node-pg-migrate";
import { config } from "@hivemind/config";
import { ensurePostPartitions } from "./partitions.js";

/** prisma/migrations: plain SQL files named <13-digit ms timestamp>_<name>.sql. */
export const migrationsDir = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** node-pg-migrate's bookkeeping table (not in schema.prisma). */
export const MIGRATIONS_TABLE = "pgmigrations";

/**
 * Session advisory lock held for a whole migrate() run, so concurrent callers
 * (several services starting at once) wait for each other instead of failing on
 * node-pg-migrate's own try-lock. Advisory locks are per database.
 */
const MIGRATE_LOCK_KEY = 0x6869766d696e64n; // "hivemind"

export interface MigrateOptions {
  /** Defaults to config().postgres.url. */
  databaseUrl?: string;
  /** Receives one line per step; silent when absent. */
  log?: (line: string) => void;
  /** Clock for the partition horizon (default: now). */
  now?: Date;
  /** Months of posts partitions to keep ahead of `now` (default 3). */
  monthsAhead?: number;
}

export interface MigrateResult {
  /** Names of the migrations applied by this run (empty when up to date). */
  applied: string[];
  /** posts partitions created by this run. */
  partitionsCreated: string[];
}

/**
 * Brings the database up to date: applies pending SQL migrations (all in one
 * transaction; concurrent callers wait for each other), then extends the posts partitions to `monthsAhead` months past
 * now. Running it again is a no-op.
 */
export async function migrate(options: MigrateOptions = {}): Promise<MigrateResult> {
  const databaseUrl = options.databaseUrl ?? config().postgres.url;
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "hivemind-migrate" });
  await client.connect();
  try {
    // Quiet NOTICEs such as "relation already exists, skipping".
    await client.query("SET client_min_messages = warning");
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY.toString()]);
    const ran = await runner({
      dbClient: client,
      dir: migrationsDir,
      direction: "up",
      migrationsTable: MIGRATIONS_TABLE,
      checkOrder: true,
      singleTransaction: true,
      logger: { debug: () => {}, info: (m: string) => log(m), warn: (m: string) => log(`warning: ${m}`), error: (m: string) => log(`error: ${m}`) },
    });
    const partitionsCreated = await ensurePostPartitions(client, { now: options.now, monthsAhead: options.monthsAhead ?? 3 });
    for (const name of partitionsCreated) log(`created partition ${name}`);
    return { applied: ran.map((m) => m.name), partitionsCreated };
  } finally {
    await client.end();
  }
}
