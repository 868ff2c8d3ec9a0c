import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "@hivemind/config";
import { PrismaClient, type Prisma } from "../generated/prisma/client.js";
import { log } from "./logger.js";

/** The Prisma client bound to Postgres through a pg pool (Prisma 7 driver adapter). */
export type Db = PrismaClient;

export interface CreatePoolOptions {
  /** Connection URL; defaults to config().postgres.url. */
  url?: string;
  /** Most connections the pool opens (pg's default is 10). */
  max?: number;
  /** Sent as application_name, shown in pg_stat_activity. */
  applicationName?: string;
}

/**
 * A raw pg pool for hot paths that want no ORM in between (outbox relay, bulk
 * seeding with COPY). pg returns bigint (int8) columns as strings: convert with
 * BigInt(). An idle client's connection error is reported, not thrown.
 */
export function createPool(options: CreatePoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url ?? config().postgres.url,
    max: options.max,
    application_name: options.applicationName ?? "hivemind",
  });
  pool.on("error", (err) => {
    // An idle client lost its connection; the pool replaces it on next use.
    log.warn({ err: err.message }, "idle pool client lost its connection");
  });
  return pool;
}

export interface CreateDbOptions extends CreatePoolOptions {
  /** Reuse this pool instead of opening one; destroyDb() then leaves it open. */
  pool?: pg.Pool;
}

/**
 * A PrismaClient over a pg pool. With no argument it connects to
 * config().postgres.url. Connects lazily, on the first query.
 */
export function createDb(urlOrOptions?: string | CreateDbOptions): Db {
  const options: CreateDbOptions = typeof urlOrOptions === "string" ? { url: urlOrOptions } : (urlOrOptions ?? {});
  const pool = options.pool ?? createPool(options);
  const adapter = new PrismaPg(pool, {
    // When we opened the pool, it is ours to close.
    disposeExternalPool: options.pool === undefined,
  });
  const db = new PrismaClient({ adapter });
  poolsByClient.set(db, pool);
  return db;
}

const poolsByClient = new WeakMap<object, pg.Pool>();

/**
 * A raw read that every request makes: a named statement on the pool under a client createDb
 * made (Prisma's raw queries are unnamed, so Postgres would plan it on every call; on the
 * partitioned tables planning costs more than running), the same text through a transaction's
 * client otherwise. bigint columns come back as strings from the pool, as bigints from Prisma.
 */
export async function hotQuery<R>(db: Db | Prisma.TransactionClient, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = poolsByClient.get(db);
  if (!pool) return db.$queryRawUnsafe<R[]>(text, ...values);
  return (await pool.query({ name, text, values })).rows as R[];
}

/** The pool under a client createDb made; undefined for a transaction's client. */
export function poolOf(db: object): pg.Pool | undefined {
  return poolsByClient.get(db);
}

/** Closes the client and, unless it was given one, its pool. */
export async function destroyDb(db: Db): Promise<void> {
  await db.$disconnect();
}
