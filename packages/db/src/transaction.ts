import type { Pool, PoolClient } from "pg";

const RETRYABLE = new Set(["40001", "40P01"]); // serialization failure, deadlock

/** Runs fn in a transaction, retrying a few times on deadlock or serialization failure. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      const code = (err as { code?: string }).code;
      if (attempt >= attempts || code === undefined || !RETRYABLE.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt * Math.random()));
    } finally {
      client.release();
    }
  }
}
