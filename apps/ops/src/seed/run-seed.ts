import type pg from "pg";
import { createPool, ensurePostPartitions } from "@hivemind/db";
import { KNOWN_ACCOUNTS } from "./accounts.js";
import type { SeedContext } from "./context.js";
import { CopyWriter, RowSink } from "./copy-writer.js";
import { writeCounts } from "./counts.js";
import { BULK_CHECKED_TABLES, dropForeignKeys, restoreForeignKeys } from "./foreign-keys.js";
import { generateBans } from "./generate/bans.js";
import { generateCommunities } from "./generate/communities.js";
import { generateThreads } from "./generate/threads.js";
import { generateUsers } from "./generate/users.js";
import { createSeedIds } from "./ids.js";
import { parseSeedOptions, SeedRefusedError, type SeedOptionsInput } from "./options.js";
import { planFor, type SeedSize } from "./plan.js";
import type { SeedPhase } from "./progress.js";
import { Random } from "./random.js";
import { SEED_TABLE_NAMES, type SeedTable } from "./tables.js";
import { Timeline } from "./timeline.js";

export interface SeedResult {
  /** True when --if-empty found users and did nothing. */
  skipped: boolean;
  /** Users already present (only when skipped). */
  existingUsers?: number;
  size: SeedSize;
  seed: number;
  /** Wall time of each phase, in order. */
  phases: { phase: SeedPhase; seconds: number }[];
  /** Rows written per table. */
  rows: Partial<Record<SeedTable, number>>;
  /** Seconds Postgres spent in COPY per table (overlaps generation). */
  copySeconds: Partial<Record<SeedTable, number>>;
  seconds: number;
  /** Accounts with known passwords (name, password, role). */
  knownAccounts: typeof KNOWN_ACCOUNTS;
}

/** Serialises seeders: two `npm start` at once must not both find the database empty. */
const SEED_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('hivemind:seed'))";

/**
 * Builds a realistic sample site in one transaction: everything or nothing is
 * written, so a failed run leaves an empty database that the next run (or
 * --if-empty) seeds again. Refuses a database that already has users (or
 * skips it with `ifEmpty`), never duplicating. No outbox events are written:
 * listings are rebuilt from Postgres afterwards.
 */
export async function seed(input: SeedOptionsInput = {}): Promise<SeedResult> {
  const options = parseSeedOptions(input);
  const plan = planFor(options.size);
  const started = performance.now();
  const phases: SeedResult["phases"] = [];
  const result = (rows: SeedResult["rows"], copySeconds: SeedResult["copySeconds"], extra: Partial<SeedResult> = {}): SeedResult => ({
    skipped: false,
    size: options.size,
    seed: options.seed,
    phases,
    rows,
    copySeconds,
    seconds: (performance.now() - started) / 1000,
    knownAccounts: KNOWN_ACCOUNTS,
    ...extra,
  });
  async function timed<T>(phase: SeedPhase, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      phases.push({ phase, seconds: (performance.now() - t0) / 1000 });
    }
  }

  const pool = createPool({ url: options.databaseUrl, max: 1, applicationName: "hivemind-seed" });
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(SEED_LOCK_SQL);
    const existingUsers = await countUsers(client);
    if (existingUsers > 0) {
      await client.query("ROLLBACK");
      if (options.ifEmpty) return result({}, {}, { skipped: true, existingUsers });
      throw new SeedRefusedError(
        `the database already has ${existingUsers} users; seeding would mix sample data into it. ` +
          "Use --if-empty to skip quietly, or seed an empty (freshly migrated) database.",
      );
    }

    const now = options.now?.getTime() ?? Date.now();
    const timeline = new Timeline(now, plan.activityDays);
    await ensurePostPartitions(client, { now: new Date(now), from: new Date(timeline.activityStart) });
    const writer = new CopyWriter(client);
    const ctx: SeedContext = {
      plan,
      rng: new Random(`hivemind-seed:${options.seed}`),
      timeline,
      ids: createSeedIds(),
      sink: new RowSink(writer, plan.batchBytes),
      onProgress: input.onProgress,
    };
    const population = await timed("users", () => generateUsers(ctx));
    const communities = await timed("communities", () => generateCommunities(ctx, population));
    // Per-row foreign-key lookups would dominate the load: check them once, set-based, at the end.
    const foreignKeys = await dropForeignKeys(client, BULK_CHECKED_TABLES);
    await timed("threads", () => generateThreads(ctx, population, communities));
    await timed("moderation", () => generateBans(ctx, population, communities));
    await timed("foreign keys", () => restoreForeignKeys(client, foreignKeys));
    await timed("counts", () => writeCounts(client, population, communities));
    await timed("commit", () => client.query("COMMIT"));
    await timed("analyze", () => client.query(`ANALYZE ${SEED_TABLE_NAMES.join(", ")}`));
    return result(Object.fromEntries(writer.rowsWritten), Object.fromEntries(writer.copySeconds));
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
    await pool.end();
  }
}

async function countUsers(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM users");
  return Number(rows[0]?.n ?? 0);
}
