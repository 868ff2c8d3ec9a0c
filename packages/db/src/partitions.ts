import { idTimestamp, monthPartitionBounds, monthPartitionName } from "@hivemind/core";
import type { Db } from "./client.js";

/**
 * posts is PARTITION BY RANGE (id), one partition per UTC calendar month of the
 * id's timestamp, named posts_yYYYYmMM. Ids are
 * (ms since ID_EPOCH_MS) << 22 | worker << 12 | seq, so a month's ids run from
 * (monthStart − epoch) << 22 up to, not including, (nextMonthStart − epoch) << 22.
 *
 * There is no default partition: a post whose id falls in a month with no
 * partition fails to insert ("no partition of relation "posts" found for row").
 * migrate() creates every month from 2024-01 (the id epoch) to three months
 * ahead; a scheduler should call ensurePostPartitions() daily to keep the
 * horizon ahead of the clock.
 *
 * The SQL function hivemind_ensure_post_partitions (in the init migration) is
 * the one implementation that creates partitions; names and bounds in
 * TypeScript come from @hivemind/core (monthPartitionName, monthPartitionBounds).
 */

export interface PostPartition {
  name: string;
  /** First id in the partition (inclusive). */
  from: bigint;
  /** First id of the next month (exclusive). */
  to: bigint;
}

/** Name and id bounds of the partition holding the UTC month that contains `at`. */
export function postPartitionFor(at: Date): PostPartition {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() + 1;
  return { name: monthPartitionName("posts", year, month), ...monthPartitionBounds(year, month) };
}

/** The partition an id belongs to. */
export function postPartitionForId(id: bigint): PostPartition {
  return postPartitionFor(new Date(idTimestamp(id)));
}

/** Something that runs SQL: a pg Pool/Client/PoolClient, or a Prisma client. */
export type Queryable = { query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> } | Db;

async function rowsOf<T>(db: Queryable, text: string, values: unknown[]): Promise<T[]> {
  if ("$queryRawUnsafe" in db) return db.$queryRawUnsafe<T[]>(text, ...values);
  return (await db.query(text, values)).rows as T[];
}

/** A UTC date string (YYYY-MM-DD) for the first day of the month `months` after the one containing `at`. */
function monthStart(at: Date, months = 0): string {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
}

export interface EnsurePostPartitionsOptions {
  /** The current time (default: the clock). */
  now?: Date;
  /** How many months past the current one to cover (default 3). */
  monthsAhead?: number;
  /**
   * First month to cover. Default: the current month, or, when the newest
   * existing partition ends before it (the scheduler did not run for a while),
   * the month after that partition, so the range never has a hole. Months
   * before the newest partition are never touched (a detached, archived month
   * is not recreated).
   */
  from?: Date;
}

/**
 * Creates the monthly posts partitions from the current month to `monthsAhead`
 * months ahead, skipping those that exist. Idempotent and safe to run from a
 * scheduler (daily is plenty). Returns the names of the partitions it created.
 */
export async function ensurePostPartitions(db: Queryable, options: EnsurePostPartitionsOptions = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const monthsAhead = options.monthsAhead ?? 3;
  if (!Number.isInteger(monthsAhead) || monthsAhead < 0) throw new RangeError(`monthsAhead must be a non-negative integer, got ${monthsAhead}`);
  let from = options.from ?? now;
  if (options.from === undefined) {
    const newest = (await listPostPartitions(db)).at(-1);
    if (newest && newest.to < postPartitionFor(now).from) from = new Date(idTimestamp(newest.to));
  }
  const rows = await rowsOf<{ name: string }>(
    db,
    "SELECT hivemind_ensure_post_partitions($1::date, $2::date) AS name",
    [monthStart(from), monthStart(now, monthsAhead)],
  );
  return rows.map((r) => r.name);
}

/** The posts partitions that exist, oldest first, with their id bounds. */
export async function listPostPartitions(db: Queryable): Promise<PostPartition[]> {
  const rows = await rowsOf<{ name: string; bound: string }>(
    db,
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
       FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = to_regclass('posts')
      ORDER BY c.relname`,
    [],
  );
  return rows.map((r) => {
    const m = /FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)/.exec(r.bound);
    if (!m?.[1] || !m[2]) throw new Error(`unexpected partition bound for ${r.name}: ${r.bound}`);
    return { name: r.name, from: BigInt(m[1]), to: BigInt(m[2]) };
  });
}
