/**
 * Time-ordered 64-bit ids (snowflake layout), handled as bigint.
 *
 *   bit 63       : 0 (so every id is a positive signed Postgres bigint)
 *   bits 62..22  : 41 bits, milliseconds since ID_EPOCH_MS (2024-01-01T00:00:00.000Z);
 *                  2^41 ms ≈ 69.7 years, so ids run out in September 2093
 *   bits 21..12  : 10 bits, worker id 0..1023
 *   bits 11..0   : 12 bits, sequence within the millisecond (4096 ids/ms/worker)
 *
 * Ordering ids orders by creation time (to the ms), so "posts of the last day" is an id range and
 * posts can be range-partitioned by id, a partition per month (see monthPartitionBounds).
 * Pure: the clock is a parameter.
 */

/** 2024-01-01T00:00:00.000Z in Unix ms. */
export const ID_EPOCH_MS = Date.UTC(2024, 0, 1);

export const TIMESTAMP_BITS = 41;
export const WORKER_ID_BITS = 10;
export const SEQUENCE_BITS = 12;

export const MAX_WORKER_ID = (1 << WORKER_ID_BITS) - 1; // 1023
export const MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1; // 4095
/** Largest ms offset from ID_EPOCH_MS an id can hold. */
export const MAX_TIMESTAMP_OFFSET = 2 ** TIMESTAMP_BITS - 1;
/** Largest valid id: 2^63 − 1, the largest Postgres bigint. */
export const MAX_ID = (1n << 63n) - 1n;

const TIMESTAMP_SHIFT = BigInt(WORKER_ID_BITS + SEQUENCE_BITS); // 22n
const WORKER_SHIFT = BigInt(SEQUENCE_BITS); // 12n
const LOW_MASK = (1n << TIMESTAMP_SHIFT) - 1n; // worker + sequence bits

export interface IdParts {
  /** Unix ms. */
  timestamp: number;
  workerId: number;
  sequence: number;
}

/** Compose an id from its parts. Throws RangeError when a part is out of range. */
export function composeId(parts: IdParts): bigint {
  const { timestamp, workerId, sequence } = parts;
  if (!Number.isInteger(workerId) || workerId < 0 || workerId > MAX_WORKER_ID) {
    throw new RangeError(`workerId must be an integer in 0..${MAX_WORKER_ID}, got ${workerId}`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`sequence must be an integer in 0..${MAX_SEQUENCE}, got ${sequence}`);
  }
  const offset = timestampOffset(timestamp);
  return (BigInt(offset) << TIMESTAMP_SHIFT) | (BigInt(workerId) << WORKER_SHIFT) | BigInt(sequence);
}

function timestampOffset(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`timestamp must be a finite number, got ${ms}`);
  const offset = Math.floor(ms) - ID_EPOCH_MS;
  if (offset < 0) throw new RangeError(`timestamp ${ms} is before the id epoch (2024-01-01T00:00:00Z)`);
  if (offset > MAX_TIMESTAMP_OFFSET) throw new RangeError(`timestamp ${ms} is past the last representable id time`);
  return offset;
}

function checkId(id: bigint): void {
  if (id < 0n || id > MAX_ID) throw new RangeError(`id ${id} is outside 0..2^63-1`);
}

/** Split an id into its parts. */
export function decomposeId(id: bigint): IdParts {
  checkId(id);
  return {
    timestamp: Number(id >> TIMESTAMP_SHIFT) + ID_EPOCH_MS,
    workerId: Number((id >> WORKER_SHIFT) & BigInt(MAX_WORKER_ID)),
    sequence: Number(id & BigInt(MAX_SEQUENCE)),
  };
}

/** The creation time (Unix ms) encoded in an id. */
export function idTimestamp(id: bigint): number {
  checkId(id);
  return Number(id >> TIMESTAMP_SHIFT) + ID_EPOCH_MS;
}

export interface IdGeneratorOptions {
  /** 0..1023; unique among processes generating ids at the same time. */
  workerId: number;
  /** Returns Unix ms (e.g. `Date.now`). Fractions are floored. */
  clock: () => number;
}

export interface IdGenerator {
  readonly workerId: number;
  next(): bigint;
}

/**
 * An id generator for one process. Ids are strictly increasing within the generator:
 * - if the clock steps back, the generator keeps using its last timestamp ("borrows" time) until
 *   the clock catches up, so no id repeats and order is kept;
 * - when the 4096 sequence numbers of a millisecond are used up, it moves on to the next
 *   millisecond immediately (borrowing ahead) instead of spinning; the clock catches up later.
 * Throws RangeError for a bad workerId, or when the clock is before 2024 or past 2093.
 */
export function createIdGenerator(options: IdGeneratorOptions): IdGenerator {
  const { workerId, clock } = options;
  if (!Number.isInteger(workerId) || workerId < 0 || workerId > MAX_WORKER_ID) {
    throw new RangeError(`workerId must be an integer in 0..${MAX_WORKER_ID}, got ${workerId}`);
  }
  const workerBits = BigInt(workerId) << WORKER_SHIFT;
  let lastOffset = -1;
  let sequence = 0;

  return {
    workerId,
    next(): bigint {
      const now = timestampOffset(clock());
      if (now > lastOffset) {
        lastOffset = now;
        sequence = 0;
      } else if (sequence < MAX_SEQUENCE) {
        // Same millisecond, or the clock went back: stay on lastOffset.
        sequence += 1;
      } else {
        // Sequence exhausted: advance to the next millisecond without waiting.
        if (lastOffset + 1 > MAX_TIMESTAMP_OFFSET) throw new RangeError("id timestamp space exhausted");
        lastOffset += 1;
        sequence = 0;
      }
      return (BigInt(lastOffset) << TIMESTAMP_SHIFT) | workerBits | BigInt(sequence);
    },
  };
}

/** Smallest id that can carry time `ms` (clamped into the id time range). */
export function minIdForTime(ms: number): bigint {
  return BigInt(clampOffset(ms)) << TIMESTAMP_SHIFT;
}

/** Largest id that can carry time `ms` (clamped into the id time range). */
export function maxIdForTime(ms: number): bigint {
  return (BigInt(clampOffset(ms)) << TIMESTAMP_SHIFT) | LOW_MASK;
}

function clampOffset(ms: number): number {
  if (Number.isNaN(ms)) throw new RangeError("time must be a number, got NaN");
  const offset = Math.floor(ms) - ID_EPOCH_MS;
  if (offset < 0) return 0;
  if (offset > MAX_TIMESTAMP_OFFSET) return MAX_TIMESTAMP_OFFSET;
  return offset;
}

/**
 * Inclusive id bounds for things created in the inclusive ms range [fromMs, toMs]:
 * `WHERE id BETWEEN min AND max`. Times outside the id range are clamped (a `fromMs` before
 * 2024 gives min = 0). Throws RangeError when fromMs > toMs.
 */
export function idRangeForTime(fromMs: number, toMs: number): { min: bigint; max: bigint } {
  if (fromMs > toMs) throw new RangeError(`fromMs (${fromMs}) is after toMs (${toMs})`);
  return { min: minIdForTime(fromMs), max: maxIdForTime(toMs) };
}

function checkYearMonth(year: number, month: number): void {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`expected an integer year and a month 1..12, got ${year}-${month}`);
  }
}

/**
 * Bounds of the monthly id partition for `month` (1..12) of `year`, in UTC, shaped for
 * `PARTITION OF posts FOR VALUES FROM (from) TO (to)`: `from` is inclusive, `to` exclusive (it is
 * the first id of the next month). Throws RangeError for months before 2024-01 or past the id range.
 */
export function monthPartitionBounds(year: number, month: number): { from: bigint; to: bigint } {
  checkYearMonth(year, month);
  const start = Date.UTC(year, month - 1, 1);
  const end = Date.UTC(year, month, 1);
  if (start < ID_EPOCH_MS) throw new RangeError(`no id partition before 2024-01 (got ${year}-${month})`);
  if (start - ID_EPOCH_MS > MAX_TIMESTAMP_OFFSET) throw new RangeError(`no id partition after the id range (got ${year}-${month})`);
  const endOffset = end - ID_EPOCH_MS;
  return {
    from: BigInt(start - ID_EPOCH_MS) << TIMESTAMP_SHIFT,
    // The last month's upper bound would be 2^63; cap at MAX_ID (ids never reach it anyway).
    to: endOffset > MAX_TIMESTAMP_OFFSET ? MAX_ID : BigInt(endOffset) << TIMESTAMP_SHIFT,
  };
}

/** Partition table name for a month: `monthPartitionName("posts", 2026, 11)` → `posts_y2026m11`. */
export function monthPartitionName(table: string, year: number, month: number): string {
  checkYearMonth(year, month);
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new RangeError(`bad table name ${JSON.stringify(table)}`);
  return `${table}_y${String(year).padStart(4, "0")}m${String(month).padStart(2, "0")}`;
}

/** The UTC year and month (1..12) an id belongs to, i.e. its monthly partition. */
export function idMonth(id: bigint): { year: number; month: number } {
  const d = new Date(idTimestamp(id));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}
