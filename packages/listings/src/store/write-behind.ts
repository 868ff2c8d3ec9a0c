import pLimit from "p-limit";
import type { ListingEntry } from "@hivemind/core";
import type { CassandraListings, TimedChange } from "./cassandra.js";
import { storeLog as log } from "./logger.js";

/** Listings written to Cassandra at once by a flush. */
const FLUSH_CONCURRENCY = 16;
/** While Cassandra stays down, how often the outage is logged again (a flush is retried every flushMs). */
const OUTAGE_LOG_MS = 60_000;

/**
 * The listings consumer's Cassandra writes, coalesced over `flushMs` (write-behind). A patch goes
 * to Redis at once, where readers see it; its rows wait here, the latest value per (listing,
 * member) winning, and one flush writes each changed listing once. At 1,000 votes/s a hot listing
 * changes on every consumer batch, several times a second; Cassandra's work was most of what the
 * vote → visible-order path waited for.
 *
 * Nothing acknowledged is lost: `durable()` resolves only once everything added before the call
 * is in Cassandra, and the consumer commits its Kafka offsets only then, so a crash redelivers
 * what was not flushed. Every row carries the time it was added as its Cassandra write time, so a
 * flush that lands late (a consumer that lost its partitions mid-flush) never overwrites a newer
 * value another writer put there. A failed flush keeps its rows (unless newer ones replaced them)
 * and tries again at the next interval.
 */
export class CassandraWriteBehind {
  private pending = new Map<string, Map<string, TimedChange>>();
  /** Listings being written by the current flush, so a whole rewrite can wait for them. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private waiters: { resolve: () => void; reject: (err: Error) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  /** Rows queued up to this time are not re-applied to Redis after their flush (see `disown`). */
  private reapplyAfter = -Infinity;
  /** Since when flushes fail, and when that was last logged: one warning per outage and minute, not per retry. */
  private outage: { since: number; loggedAt: number } | undefined;

  constructor(
    private readonly cass: CassandraListings,
    private readonly opts: {
      flushMs: number;
      /** After a listing's rows are in Cassandra (the store re-applies them to Redis, see listing-store.ts). */
      onFlushed?: (listing: string, changes: readonly TimedChange[]) => Promise<void>;
    },
  ) {}

  /** Queue a listing's overwrites and deletes. */
  add(listing: string, upsert: readonly ListingEntry[], remove: readonly string[]): void {
    if (upsert.length === 0 && remove.length === 0) return;
    // Wall-clock time, as the driver stamps every other write (not a test's clock).
    const at = Date.now();
    const rows = this.queued(listing);
    for (const f of remove) rows.set(f, { fullname: f, entry: null, at });
    for (const e of upsert) rows.set(e.fullname, { fullname: e.fullname, entry: e, at });
    this.schedule();
  }

  /** A listing's queue of rows, made when it has none. */
  private queued(listing: string): Map<string, TimedChange> {
    let rows = this.pending.get(listing);
    if (!rows) this.pending.set(listing, (rows = new Map()));
    return rows;
  }

  /** Whether a member of a listing has a row waiting (a newer value than any flush in progress). */
  isPending(listing: string, fullname: string): boolean {
    return this.pending.get(listing)?.has(fullname) ?? false;
  }

  /**
   * The consumer's partitions were reassigned: another process may own some of these listings
   * now and patch their Redis copies, so the rows queued so far (still written, their write times
   * keep them from beating newer ones) are no longer re-applied to Redis after their flush.
   */
  disown(): void {
    this.reapplyAfter = Date.now();
  }

  /** Resolves once everything added before the call is in Cassandra (retried until it is). */
  durable(): Promise<void> {
    if (this.pending.size === 0 && !this.running) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.schedule();
    });
  }

  /**
   * Writes one listing's waiting rows now (a whole rewrite reads Cassandra next and must see
   * them). Throws when Cassandra does: the rows stay queued.
   */
  async flushListing(listing: string): Promise<void> {
    await this.inFlight.get(listing)?.catch(() => undefined);
    const rows = this.pending.get(listing);
    if (!rows) return;
    this.pending.delete(listing);
    await this.writeListing(listing, rows);
  }

  /** Flush what is queued and stop the timer. Waiters on rows that could not be written are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    while (this.pending.size > 0) {
      const before = this.pending.size;
      await this.flush();
      if (this.pending.size >= before) break;
    }
    // Cassandra is down: those offsets stay uncommitted, and whoever consumes next redoes the rows.
    const left = this.pending.size;
    for (const w of this.waiters.splice(0)) {
      if (left === 0) w.resolve();
      else w.reject(new Error(`${left} listings not written to Cassandra`));
    }
  }

  /** One flush at a time: a flush's re-apply to Redis must never follow a newer flush's. */
  private schedule(): void {
    if (this.timer || this.running || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.flush().finally(() => {
        this.running = undefined;
        if (this.pending.size > 0 || this.waiters.length > 0) this.schedule();
      });
    }, this.opts.flushMs);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    const taken = this.pending;
    const waiters = this.waiters;
    this.pending = new Map();
    this.waiters = [];
    const limit = pLimit(FLUSH_CONCURRENCY);
    const results = await Promise.allSettled(
      [...taken].map(([listing, rows]) => {
        const write = limit(() => this.writeListing(listing, rows));
        this.inFlight.set(listing, write);
        return write.finally(() => {
          if (this.inFlight.get(listing) === write) this.inFlight.delete(listing);
        });
      }),
    );
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed.length > 0) {
      this.logFailure(failed.length, failed[0]?.reason);
      this.waiters.push(...waiters);
    } else {
      if (this.outage) log.info({ downMs: Date.now() - this.outage.since }, "Cassandra write-behind flushes again");
      this.outage = undefined;
      for (const w of waiters) w.resolve();
    }
  }

  /** The first failure of an outage with its error, then a line a minute while it lasts. */
  private logFailure(listings: number, err: unknown): void {
    const now = Date.now();
    if (!this.outage) {
      this.outage = { since: now, loggedAt: now };
      log.warn({ listings, err }, "Cassandra write-behind flush failed; retrying every interval (offsets stay uncommitted until it succeeds)");
    } else if (now - this.outage.loggedAt >= OUTAGE_LOG_MS) {
      this.outage.loggedAt = now;
      log.warn({ downMs: now - this.outage.since, waiting: this.pending.size, error: err instanceof Error ? err.message : String(err) }, "Cassandra write-behind still failing");
    }
  }

  /** One listing's rows to Cassandra; on failure they go back in the queue unless newer ones came. */
  private async writeListing(listing: string, rows: Map<string, TimedChange>): Promise<void> {
    const changes = [...rows.values()];
    try {
      await this.cass.writeTimed(listing, changes);
    } catch (err) {
      const requeue = this.queued(listing);
      for (const c of changes) if (!requeue.has(c.fullname)) requeue.set(c.fullname, c);
      throw err;
    }
    const ours = changes.filter((c) => c.at > this.reapplyAfter);
    try {
      if (ours.length > 0) await this.opts.onFlushed?.(listing, ours);
    } catch (err) {
      log.warn({ err, listing }, "re-applying flushed rows to Redis failed (the listing's next rewrite repairs its copy)");
    }
  }
}
