import type { Random } from "./random.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When things happen. Users and communities predate the activity window;
 * posts, comments and votes fall inside it, a little denser towards now and
 * following a daily rhythm. Nothing is later than `latest`, a minute before
 * seeding started, so ids a live process makes afterwards sort after them.
 */
export class Timeline {
  readonly latest: number;
  readonly activityStart: number;

  constructor(
    readonly now: number,
    activityDays: number,
  ) {
    this.latest = now - MINUTE;
    this.activityStart = now - activityDays * DAY;
  }

  /** A user's sign-up: 120 to 400 days ago (never before the id epoch). */
  signUp(rng: Random): number {
    return this.notBeforeIdEpoch(this.now - (120 + rng.next() * 280) * DAY);
  }

  /** A community's founding: 91 to 110 days ago, after every user signed up. */
  founding(rng: Random): number {
    return this.notBeforeIdEpoch(this.now - (91 + rng.next() * 19) * DAY);
  }

  /** A post's time: inside the window, denser towards now, busier in (UTC) afternoons and evenings. */
  postTime(rng: Random): number {
    for (;;) {
      const t = this.activityStart + Math.pow(rng.next(), 0.8) * (this.latest - this.activityStart);
      const hour = new Date(t).getUTCHours();
      const busy = 0.55 + 0.45 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
      if (rng.next() < busy) return Math.floor(t);
    }
  }

  /** Some time after `t` (exponential with the given mean), never past `latest`. */
  after(rng: Random, t: number, meanMs: number): number {
    return Math.floor(Math.min(this.latest, t + 1000 + rng.exponential(meanMs)));
  }

  private notBeforeIdEpoch(t: number): number {
    return Math.floor(Math.max(t, Date.UTC(2024, 0, 1, 1)));
  }
}

export const DURATION = { MINUTE, HOUR, DAY } as const;
