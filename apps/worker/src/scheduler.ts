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
 * How much of the interval a pass is spread over: a pass recomputes every community's windows
 * from Postgres (264 listings took 21–33 s of a loaded Postgres on the medium seed), and in one
 * burst it starved every other reader of the database for that long.
 */
export const PASS_FRACTION = 0.5;

/**
 * Recompute every clock-dependent listing (top and controversial for hour … year, and rising) of
 * every community and of `all` from Postgres, dropping what aged out (reddit's mr_top job).
 * Between runs the listings consumer keeps them fresh for new votes. With `spreadMs`, the
 * listings are paced evenly over that long instead of written in one burst. Stops when
 * `isLeader` turns false (or `signal` aborts). Returns how many listings it wrote.
 */
export async function recomputeScheduledListings(
  pool: pg.Pool,
  store: ListingStoreWriter,
  isLeader: () => boolean = () => true,
  opts: { spreadMs?: number; signal?: AbortSignal } = {},
): Promise<number> {
  const { rows } = await pool.query<{ id: string }>("SELECT id FROM communities ORDER BY id");
  const owners: ListingOwner[] = [ALL_OWNER, ...rows.map((r) => communityOwner(BigInt(r.id)))];
  const keys = owners.flatMap((owner) => scheduledListingKeys(owner));
  const started = performance.now();
  let written = 0;
  for (const key of keys) {
    if (!isLeader()) return written;
    const items = await store.computeFromPostgres(key);
    if (!isLeader()) return written;
    await store.writeWhole(formatListingKey(key), items);
    written++;
    const wait = started + (written / keys.length) * (opts.spreadMs ?? 0) - performance.now();
    if (wait > 0) await sleep(wait, opts.signal);
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
        const spreadMs = opts.intervalSeconds() * 1000 * PASS_FRACTION;
        const n = await recomputeScheduledListings(opts.pool, opts.store, () => !stopped && term.isLeader(), { spreadMs, signal: term.signal });
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

/** Waits `ms`, or less if `signal` aborts; leaves no listener behind either way (a pass sleeps once per listing). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
