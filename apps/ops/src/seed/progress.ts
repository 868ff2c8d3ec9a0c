/** The phases of a seeding run, in order. */
export const SEED_PHASES = ["users", "communities", "threads", "moderation", "foreign keys", "counts", "commit", "analyze"] as const;
export type SeedPhase = (typeof SEED_PHASES)[number];

/** What seed() tells its caller while it works: `done` of `total` units (users, posts…) of a phase. */
export interface SeedProgress {
  phase: SeedPhase;
  /** What a unit is ("users", "posts"). */
  unit: string;
  done: number;
  total: number;
  /** Rows generated so far in this phase, by table, when the phase loads several. */
  rows?: Record<string, number>;
}

export type SeedProgressListener = (progress: SeedProgress) => void;

/** Reports one phase's progress, at most every `every` units, always at the end. */
export class PhaseProgress {
  private lastReported = -1;

  constructor(
    private readonly listener: SeedProgressListener | undefined,
    readonly phase: SeedPhase,
    readonly unit: string,
    readonly total: number,
    private readonly every = Math.max(1, Math.floor(total / 200)),
  ) {}

  report(done: number, rows?: Record<string, number>): void {
    if (!this.listener) return;
    if (done < this.total && done - this.lastReported < this.every) return;
    this.lastReported = done;
    this.listener({ phase: this.phase, unit: this.unit, done, total: this.total, rows });
  }
}
