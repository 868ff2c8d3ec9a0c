import type pg from "pg";
import { ALL_OWNER, communityOwner, formatListingKey, scheduledListingKeys, type ListingOwner } from "@hivemind/core";
import type { ListingStoreWriter } from "@hivemind/listings/store";
import { elect, type Coord, type Election, type LeaderTerm } from "@hivemind/coord";
import { workerLog as log } from "./logger.js";

export interface SchedulerOptions {
  pool: pg.Pool;
  store: ListingStoreWriter;
  coord: Coord;
  /** Seconds between runs, read before each run (the live config's scheduler.intervalSeconds). */
  intervalSeconds: () => number;
}

/**
 * Recompute every clock-dependent listing (top and controversial for hour … year, and rising) of
 * every community and of `all` from Postgres, dropping what aged out (reddit's mr_top job).
 * Between runs the listings consumer keeps them fresh for new votes. Stops when `isLeader` turns
 * false. Returns how many listings it wrote.
 */
export async function recomputeScheduledListings(pool: pg.Pool, store: ListingStoreWriter, isLeader: () => boolean = () => true): Promise<number> {
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM communities ORDER BY id");
  const owners: ListingOwner[] = [ALL_OWNER, ...rows.map((r) => communityOwner(BigInt(r.id)))];
  let written = 0;
  for (const owner of owners) {
    for (const key of scheduledListingKeys(owner)) {
      if (!isLeader()) return written;
      const items = await store.computeFromPostgres(key);
      if (!isLeader()) return written;
      await store.writeWhole(formatListingKey(key), items);
      written++;
    }
  }
  return written;
}

/**
 * The scheduler: stands in the ZooKeeper "scheduler" election; only the leader runs, once at
 * once on taking the lead and then every intervalSeconds, until its term ends.
 */
export function startScheduler(opts: SchedulerOptions): { election: Election; stop(): Promise<void> } {
  let stopped = false;
  const runTerm = async (term: LeaderTerm) => {
    log.info("scheduler: leading");
    while (!stopped && term.isLeader()) {
      const started = Date.now();
      try {
        const n = await recomputeScheduledListings(opts.pool, opts.store, () => !stopped && term.isLeader());
        log.info({ listings: n, ms: Date.now() - started }, "scheduler: recomputed time-filtered listings");
      } catch (err) {
        log.error({ err }, "scheduler: run failed; next run at the interval");
      }
      await sleep(opts.intervalSeconds() * 1000, term.signal);
    }
  };
  const election = elect(
    opts.coord,
    "scheduler",
    (term) => {
      void runTerm(term);
    },
    (reason) => log.warn({ reason }, "scheduler: leadership lost"),
  );
  return {
    election,
    async stop() {
      stopped = true;
      await election.resign();
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
}
