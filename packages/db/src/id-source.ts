import type pg from "pg";
import { createIdGenerator, HivemindError } from "@hivemind/core";
import { leaseWorkerId, type WorkerIdLease } from "./worker-id.js";
import { log } from "./logger.js";

export interface IdSource {
  next(): bigint;
  readonly workerId: number | undefined;
  destroy(): Promise<void>;
}

/**
 * Time-ordered ids under a leased worker id. If the lease's connection dies
 * the id is no longer ours, so generation stops (503) until a new lease is
 * taken, retried every second in the background.
 */
export async function createLeasedIdSource(pool: pg.Pool, clock: () => number): Promise<IdSource> {
  let lease: WorkerIdLease | undefined;
  let generator: ReturnType<typeof createIdGenerator> | undefined;
  let destroyed = false;

  async function acquire(): Promise<void> {
    lease = await leaseWorkerId(pool, {
      onLost: (err) => {
        log.error({ err: err.message, workerId: lease?.workerId }, "worker id lease lost; leasing a new one");
        generator = undefined;
        void lease?.release();
        void retry();
      },
    });
    generator = createIdGenerator({ workerId: lease.workerId, clock });
  }

  async function retry(): Promise<void> {
    while (!destroyed && !generator) {
      await new Promise((r) => setTimeout(r, 1000));
      await acquire().catch((err: unknown) => log.warn({ err: String(err) }, "worker id lease retry failed"));
    }
  }

  await acquire();
  return {
    get workerId() {
      return generator?.workerId;
    },
    next() {
      if (!generator) throw new HivemindError("SERVICE_UNAVAILABLE", "id generation is paused while the worker id is re-leased", 503);
      return generator.next();
    },
    async destroy() {
      destroyed = true;
      await lease?.release();
    },
  };
}
