/**
 * Ranking, exactly as reddit's r2/r2/lib/db/_sorts.pyx, plus our definition of "rising" and the
 * time filters of top/controversial. Every sort value here sorts DESCENDING (higher first);
 * "old" is expressed as −created so that rule holds too. Pure: "now" is always a parameter.
 */
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Listing constants (DESIGN.md §5)

/** A precomputed listing holds at most this many things (reddit's 1000). */
export const LISTING_MAX = 1000;
/** Default page size. */
export const PAGE_DEFAULT = 25;
/** Largest page size; larger `limit`s are clamped (reddit clamps PRAW's 1024 to 100). */
export const PAGE_MAX = 100;
/** Logged-in front page: at most this many hot items taken from each subscribed community. */
export const FRONT_PER_COMMUNITY = 150;

// ---------------------------------------------------------------------------------------------
// Sort names and time filters

export const LINK_SORTS = ["hot", "new", "top", "controversial", "rising"] as const;
export type LinkSort = (typeof LINK_SORTS)[number];
export const linkSortSchema = z.enum(LINK_SORTS);
export const DEFAULT_LINK_SORT: LinkSort = "hot";

export const COMMENT_SORTS = ["confidence", "top", "new", "controversial", "old", "qa"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];
export const commentSortSchema = z.enum(COMMENT_SORTS);
/** reddit's default comment sort ("best"). */
export const DEFAULT_COMMENT_SORT: CommentSort = "confidence";

export const TIME_FILTERS = ["hour", "day", "week", "month", "year", "all"] as const;
export type TimeFilter = (typeof TIME_FILTERS)[number];
export const timeFilterSchema = z.enum(TIME_FILTERS);
export const DEFAULT_TIME_FILTER: TimeFilter = "all";

/** Sorts that take a time filter `t` (reddit: only top and controversial). */
export const TIME_FILTERED_SORTS = ["top", "controversial"] as const satisfies readonly LinkSort[];

export function sortUsesTimeFilter(sort: LinkSort): sort is "top" | "controversial" {
  return sort === "top" || sort === "controversial";
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Length of each time filter in ms, from reddit's `timeintervald` (r2/lib/utils): a month is
 * 30 days and a year 365 days (fixed lengths, not calendar months). "all" has none.
 */
export const TIME_FILTER_MS: Readonly<Record<Exclude<TimeFilter, "all">, number>> = {
  hour: HOUR_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  year: 365 * DAY_MS,
};

/**
 * Earliest creation time (Unix ms, inclusive) a thing may have to appear under time filter `t`
 * at `nowMs`; null for "all". Pair with `idRangeForTime(cutoff, nowMs)` for an id range.
 */
export function timeFilterCutoff(t: TimeFilter, nowMs: number): number | null {
  return t === "all" ? null : nowMs - TIME_FILTER_MS[t];
}

/** Whether a thing created at `createdMs` belongs under time filter `t` at `nowMs`. */
export function isWithinTimeFilter(t: TimeFilter, createdMs: number, nowMs: number): boolean {
  const cutoff = timeFilterCutoff(t, nowMs);
  return cutoff === null || createdMs >= cutoff;
}

// ---------------------------------------------------------------------------------------------
// Python's round(x, n)

const f64 = new DataView(new ArrayBuffer(8));
const POW10: bigint[] = Array.from({ length: 16 }, (_, i) => 10n ** BigInt(i));

/**
 * Python 3's `round(x, digits)` for 0 ≤ digits ≤ 15: rounds the exact binary value of `x`
 * half-to-even, then returns the nearest double to the decimal result. (Math.round(x·10^d)/10^d
 * differs on ties and on values whose scaling by 10^d is inexact.)
 */
export function roundPython(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) throw new RangeError(`digits must be 0..15, got ${digits}`);
  f64.setFloat64(0, x);
  const bits = f64.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exponent: number;
  if (biased === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (exponent >= 0) return x; // an integer already (|x| ≥ 2^52)
  // |x| = mantissa / 2^-exponent; compute q = round_half_even(|x| · 10^digits).
  const scaled = mantissa * (POW10[digits] as bigint);
  const den = 1n << BigInt(-exponent);
  let q = scaled / den;
  const twice = (scaled - q * den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  return Number(`${negative ? "-" : ""}${q}e-${digits}`);
}

// ---------------------------------------------------------------------------------------------
// reddit's sorts (_sorts.pyx)

/** reddit's epoch for hot: 2005-12-08T07:46:43Z, in seconds. */
export const HOT_EPOCH_SECONDS = 1134028003;
/** Seconds for hot to gain 1 (one order of magnitude of score): 12.5 hours. */
export const HOT_DECAY_SECONDS = 45000;
/** z for an 80% confidence Wilson lower bound (reddit's "best"). */
export const CONFIDENCE_Z = 1.281551565545;

/** score = ups − downs ("top"). */
export function score(ups: number, downs: number): number {
  return ups - downs;
}

/**
 * reddit's hot: round(sign(s)·log10(max(|s|, 1)) + (seconds − 1134028003) / 45000, 7), where
 * s = ups − downs and seconds = createdMs / 1000 (Unix seconds, fractional).
 */
export function hot(ups: number, downs: number, createdMs: number): number {
  const s = ups - downs;
  const order = Math.log10(Math.max(Math.abs(s), 1));
  const sign = s > 0 ? 1 : s < 0 ? -1 : 0;
  const seconds = createdMs / 1000 - HOT_EPOCH_SECONDS;
  return roundPython(sign * order + seconds / HOT_DECAY_SECONDS, 7);
}

/**
 * reddit's controversy: 0 when ups ≤ 0 or downs ≤ 0; else
 * (ups + downs) ^ (min(ups, downs) / max(ups, downs)).
 */
export function controversy(ups: number, downs: number): number {
  if (downs <= 0 || ups <= 0) return 0;
  const magnitude = ups + downs;
  const balance = ups > downs ? downs / ups : ups / downs;
  return magnitude ** balance;
}

/**
 * reddit's "best": the lower bound of the Wilson score interval at z = 1.281551565545,
 * n = ups + downs, p = ups / n:
 *   (p + z²/2n − z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n); 0 when n = 0.
 * Computed in double precision. (reddit's Cython declared n, z and p as C `float`, so its values
 * differ from these beyond ~7 significant digits; the order is the same except at near-ties.)
 */
export function confidence(ups: number, downs: number): number {
  const n = ups + downs;
  // n = 0: reddit's rule. ups = 0: p = 0 makes the formula exactly (z²/2n − z²/2n)/… = 0, but
  // doubles leave ±1e-17 of noise that would order all-downvoted comments at random.
  if (n === 0 || ups <= 0) return 0;
  const z = CONFIDENCE_Z;
  const p = ups / n;
  const left = p + (1 / (2 * n)) * z * z;
  const right = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const under = 1 + (1 / n) * z * z;
  return (left - right) / under;
}

/**
 * reddit's `_qa`: score_modifier + log10(question_length + answer_length) / 5, with
 * score_modifier = question confidence + best OP answer confidence.
 */
export function qaScore(questionScore: number, questionLength: number, answerScore = 0, answerLength = 1): number {
  return questionScore + answerScore + Math.log10(questionLength + answerLength) / 5;
}

export interface QaAnswer {
  ups: number;
  downs: number;
  /** Body length in characters. */
  length: number;
}

/**
 * reddit's "qa" comment sort: a question (a comment) is ranked by its confidence plus that of the
 * best reply from the post's author (OP), with a small bonus for text length.
 * `opReplies` are the OP's direct replies to the question.
 */
export function qa(questionUps: number, questionDowns: number, questionLength: number, opReplies: readonly QaAnswer[] = []): number {
  const questionScore = confidence(questionUps, questionDowns);
  let best: QaAnswer | undefined;
  let bestScore = 0;
  for (const answer of opReplies) {
    const s = confidence(answer.ups, answer.downs);
    if (best === undefined || s > bestScore) {
      best = answer;
      bestScore = s;
    }
  }
  return best === undefined ? qaScore(questionScore, questionLength) : qaScore(questionScore, questionLength, bestScore, best.length);
}

// ---------------------------------------------------------------------------------------------
// Rising (ours: reddit's rising used page-view counts we do not have)

/** Only posts younger than this are in "rising". */
export const RISING_WINDOW_MS = 12 * HOUR_MS;
/** Age floor, so a post a few seconds old does not get an enormous velocity. */
export const RISING_AGE_FLOOR_MS = HOUR_MS;
/** reddit's rising skipped links with ≤ 1 upvote; so do we. */
export const RISING_MIN_UPS = 2;

/**
 * Rising = vote velocity: net score per hour of age, with the age floored at one hour,
 *   rising = (ups − downs) / max(ageHours, 1),  ageHours = (nowMs − createdMs) / 3 600 000,
 * for posts created within the last 12 hours with at least 2 upvotes and a positive net score.
 * Anything else is not in the rising listing: returns null. A post dated in the future counts
 * as age 0 (so it gets the floor). The value depends on `nowMs`, so the rising listing is
 * recomputed on a schedule (and refreshed on each vote), as reddit's calc_rising job did.
 */
export function rising(ups: number, downs: number, createdMs: number, nowMs: number): number | null {
  const age = Math.max(0, nowMs - createdMs);
  if (age > RISING_WINDOW_MS) return null;
  const s = ups - downs;
  if (ups < RISING_MIN_UPS || s <= 0) return null;
  return s / (Math.max(age, RISING_AGE_FLOOR_MS) / HOUR_MS);
}

// ---------------------------------------------------------------------------------------------
// Sort values for a thing

export interface Rankable {
  ups: number;
  downs: number;
  /** Creation time, Unix ms (for a time-ordered id, `idTimestamp(id)`). */
  createdMs: number;
}

export type LinkSortValues = Record<Exclude<LinkSort, "rising">, number> & { rising: number | null };

/** Sort value of a post or comment under each listing sort (higher sorts first). */
export function linkSortValues(thing: Rankable, nowMs: number): LinkSortValues {
  const { ups, downs, createdMs } = thing;
  return {
    hot: hot(ups, downs, createdMs),
    new: createdMs,
    top: score(ups, downs),
    controversial: controversy(ups, downs),
    rising: rising(ups, downs, createdMs, nowMs),
  };
}

/** Value of one listing sort; null means "not in this listing" (only rising). */
export function linkSortValue(sort: LinkSort, thing: Rankable, nowMs: number): number | null {
  return linkSortValues(thing, nowMs)[sort];
}

export type CommentSortValues = Record<Exclude<CommentSort, "qa">, number>;

/**
 * Sort value of a comment under each comment sort except "qa" (which needs the OP's replies:
 * use `qa`). "old" is −createdMs so that, like the others, higher sorts first.
 */
export function commentSortValues(comment: Rankable): CommentSortValues {
  const { ups, downs, createdMs } = comment;
  return {
    confidence: confidence(ups, downs),
    top: score(ups, downs),
    new: createdMs,
    controversial: controversy(ups, downs),
    old: -createdMs,
  };
}

/**
 * Listing order: value descending, ties broken by id descending (newer first), so every reader
 * and the rebuild agree on one order.
 */
export function compareRanked(a: { value: number; id: bigint }, b: { value: number; id: bigint }): number {
  if (a.value !== b.value) return a.value > b.value ? -1 : 1;
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1;
}
