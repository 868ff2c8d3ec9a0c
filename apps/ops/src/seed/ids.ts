import { composeId } from "@hivemind/core";
import { MAX_IDS_PER_KIND } from "./plan.js";

/**
 * Ids for seeded rows of one kind, built from each row's own (back-dated)
 * creation time with core's layout, so posts land in the monthly partition of
 * their created_at and every id sorts by time.
 *
 * The 22 low bits (worker id and sequence) hold a running counter of the kind
 * instead of a real worker and per-millisecond sequence: two rows of one kind
 * never share the counter, so their ids differ even in the same millisecond,
 * with no lookup table. Seeded times are all before the seeding started, so
 * ids a live process makes afterwards (with its own clock) cannot collide.
 */
export class SeedIdSpace {
  private counter = 0;

  constructor(readonly kind: string) {}

  /** A fresh id for a row created at `ms` (Unix ms). */
  at(ms: number): bigint {
    if (this.counter >= MAX_IDS_PER_KIND) throw new RangeError(`more than ${MAX_IDS_PER_KIND} seeded ${this.kind} ids`);
    const n = this.counter++;
    return composeId({ timestamp: Math.floor(ms), workerId: n >>> 12, sequence: n & 0xfff });
  }

  get issued(): number {
    return this.counter;
  }
}

/** One id space per table; posts and comments share one, since votes address both by id alone. */
export interface SeedIds {
  users: SeedIdSpace;
  communities: SeedIdSpace;
  things: SeedIdSpace;
  reports: SeedIdSpace;
  modActions: SeedIdSpace;
}

export function createSeedIds(): SeedIds {
  return {
    users: new SeedIdSpace("user"),
    communities: new SeedIdSpace("community"),
    things: new SeedIdSpace("post/comment"),
    reports: new SeedIdSpace("report"),
    modActions: new SeedIdSpace("mod action"),
  };
}
