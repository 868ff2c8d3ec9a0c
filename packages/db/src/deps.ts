import type pg from "pg";
import { createDb, createPool, destroyDb, type Db } from "./client.js";
import { createLeasedIdSource } from "./id-source.js";

/**
 * What every domain function reads and writes through: the Prisma client, the raw pool (hot
 * paths, advisory locks), time-ordered ids and the clock. One shape for every app process.
 */
export interface Deps {
  db: Db;
  pool: pg.Pool;
  ids: { next(): bigint };
  now(): number;
}

export interface CreateDepsOptions {
  url: string;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  poolMax?: number;
  now?: () => number;
}

/** Opens the pool, the client and a leased id source; destroy() closes all three. */
export async function createDeps(opts: CreateDepsOptions): Promise<Deps & { destroy(): Promise<void> }> {
  const pool = createPool({ url: opts.url, applicationName: opts.applicationName, max: opts.poolMax });
  const db = createDb({ pool });
  const now = opts.now ?? Date.now;
  const ids = await createLeasedIdSource(pool, now);
  return {
    db,
    pool,
    ids,
    now,
    async destroy() {
      await ids.destroy();
      await destroyDb(db);
      await pool.end();
    },
  };
}
