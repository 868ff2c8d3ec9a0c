import type pg from "pg";

const RETRYABLE = new Set(["40001", "40P01"]); // serialization failure, deadlock

/** Runs fn, again (after a short random pause) on deadlock or serialization failure, up to `attempts` runs. */
export async function retrying<T>(fn: () => Promise<T>, attempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= attempts || code === undefined || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt * Math.random()));
    }
  }
}

/** Runs fn in a transaction on a raw pg connection, retried whole (`retrying`). */
export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, attempts = 5): Promise<T> {
  return retrying(async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }, attempts);
}
