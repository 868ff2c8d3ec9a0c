import type pg from "pg";

const LOCK_SPACE = 0x68766d; // "hvm": the advisory-lock key space for worker ids

export interface WorkerIdLease {
  workerId: number;
  release(): Promise<void>;
}

/**
 * Leases a worker id (0..1023) unique among live processes, so time-ordered
 * ids from different processes never collide. The lease is a session-level
 * advisory lock held on a dedicated connection: it ends when the process
 * dies, so a crashed process frees its id without any cleanup.
 */
export async function leaseWorkerId(pool: pg.Pool, maxWorkers = 1024): Promise<WorkerIdLease> {
  const client = await pool.connect();
  const start = Math.floor(Math.random() * maxWorkers);
  try {
    for (let i = 0; i < maxWorkers; i++) {
      const candidate = (start + i) % maxWorkers;
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_SPACE, candidate]);
      if (rows[0]?.ok) {
        return {
          workerId: candidate,
          async release() {
            await client.query("SELECT pg_advisory_unlock($1, $2)", [LOCK_SPACE, candidate]).catch(() => undefined);
            client.release();
          },
        };
      }
    }
  } catch (err) {
    client.release();
    throw err;
  }
  client.release();
  throw new Error(`all ${maxWorkers} worker ids are leased`);
}
