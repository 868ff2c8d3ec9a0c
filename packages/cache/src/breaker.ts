/**
 * A per-node circuit breaker. `threshold` failures (timeouts, connection errors) within `windowMs`
 * open it: the client stops sending that node anything and treats its keys as misses, so a hung
 * node costs one timeout per request only until the breaker opens, and nothing after. After
 * `openMs` it goes half-open and the owner sends one probe; a probe that succeeds closes it, one
 * that fails opens it again for the same period.
 *
 * The breaker is local and fast; ejection through ZooKeeper (packages/coord) is the slower,
 * site-wide decision. Time comes in through `now` so tests need no clock.
 */
export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  /** Failures within `windowMs` that open the breaker. */
  threshold: number;
  windowMs: number;
  /** How long the breaker stays open before a probe. */
  openMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { threshold: 3, windowMs: 5_000, openMs: 1_000 };

export class Breaker {
  private failures: number[] = [];
  private openedAt = 0;
  private current: BreakerState = "closed";

  constructor(
    readonly options: BreakerOptions = DEFAULT_BREAKER,
    private readonly now: () => number = Date.now,
  ) {
    if (!(options.threshold >= 1) || !(options.windowMs > 0) || !(options.openMs > 0)) {
      throw new RangeError(`bad breaker options ${JSON.stringify(options)}`);
    }
  }

  /** The state now; an open breaker whose period is over reads as half-open. */
  get state(): BreakerState {
    if (this.current === "open" && this.now() - this.openedAt >= this.options.openMs) this.current = "half-open";
    return this.current;
  }

  /** Whether a request may go to the node (only while closed; half-open waits for the probe). */
  get allowsRequests(): boolean {
    return this.state === "closed";
  }

  /** Record a failure; returns true when this failure opened the breaker. */
  failure(): boolean {
    const t = this.now();
    const state = this.state;
    if (state === "open") return false; // a request that was in flight when it opened
    if (state === "half-open") {
      this.open(t); // the probe failed: another period
      return false;
    }
    this.failures = this.failures.filter((at) => t - at < this.options.windowMs);
    this.failures.push(t);
    if (this.failures.length >= this.options.threshold) {
      this.open(t);
      return true;
    }
    return false;
  }

  /** Open now, whatever the count (e.g. the node must be flushed before it is used again). */
  trip(): void {
    this.open(this.now());
  }

  /** The probe succeeded (or an operator reset the node): closed, with a clean window. */
  close(): void {
    this.current = "closed";
    this.failures = [];
  }

  /** While open: how long until it goes half-open (0 otherwise). */
  get msUntilHalfOpen(): number {
    return this.state === "open" ? Math.max(0, this.openedAt + this.options.openMs - this.now()) : 0;
  }

  /** Failures counted in the current window. */
  get recentFailures(): number {
    const t = this.now();
    return this.failures.filter((at) => t - at < this.options.windowMs).length;
  }

  private open(t: number): void {
    this.current = "open";
    this.openedAt = t;
    this.failures = [];
  }
}
