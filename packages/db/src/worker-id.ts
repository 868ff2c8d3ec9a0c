import type pg from "pg";

const LOCK_SPACE = 0x68766d; // "hvm": the advisory-lock key space for worker ids

export interface WorkerIdLease {
  workerId: number;
  release(): Promise<void>;
}

export interface LeaseOptions {
  maxWorkers?: number;
  /**
   * Called when the lease's connection dies: the lock is gone and another
   * process may take the id, so the holder must stop using it (lease anew).
   */
  onLost?: (err: Error) => void;
}

/**
 * Leases a worker id (0..1023) unique among live processes, so time-ordered
 * ids from different processes never collide. The lease is a session-level
 * advisory lock held on a dedicated connection: it ends when the process
 * dies, so a crashed process frees its id without any cleanup.
 */
export async function leaseWorkerId(pool: pg.Pool, opts: LeaseOptions = {}): Promise<WorkerIdLease> {
  const maxWorkers = opts.maxWorkers ?? 1024;
  const client = await pool.connect();
  let released = false;
  client.on("error", (err) => {
    if (!released) opts.onLost?.(err);
  });
  const start = Math.floor(Math.random() * maxWorkers);
  try {
    for (let i = 0; i < maxWorkers; i++) {
      const candidate = (start + i) % maxWorkers;
      const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_SPACE, candidate]);
      if (rows[0]?.ok) {
        return {
          workerId: candidate,
          async release() {
            released = true;
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
