import { describe, expect, it } from "vitest";
import {
  ID_EPOCH_MS,
  MAX_ID,
  MAX_SEQUENCE,
  composeId,
  createIdGenerator,
  decomposeId,
  idMonth,
  idRangeForTime,
  idTimestamp,
  maxIdForTime,
  minIdForTime,
  monthPartitionBounds,
  monthPartitionName,
} from "../src/index.js";

const T = Date.UTC(2026, 10, 22, 18, 0, 0);

describe("id layout", () => {
  it("uses 2024-01-01T00:00:00Z as the epoch", () => {
    expect(ID_EPOCH_MS).toBe(1704067200000);
    expect(composeId({ timestamp: ID_EPOCH_MS, workerId: 0, sequence: 0 })).toBe(0n);
  });

  it("puts ms in the high bits, worker in bits 12..21, sequence in 0..11", () => {
    // 1 ms after the epoch, worker 1, sequence 1 → 1<<22 | 1<<12 | 1 = 4194304 + 4096 + 1
    expect(composeId({ timestamp: ID_EPOCH_MS + 1, workerId: 1, sequence: 1 })).toBe(4198401n);
    const id = composeId({ timestamp: T, workerId: 1023, sequence: 4095 });
    expect(decomposeId(id)).toEqual({ timestamp: T, workerId: 1023, sequence: 4095 });
  });

  it("fits every id in a positive signed 64-bit integer", () => {
    const last = composeId({ timestamp: ID_EPOCH_MS + 2 ** 41 - 1, workerId: 1023, sequence: 4095 });
    expect(last).toBe(MAX_ID);
    expect(MAX_ID).toBe(9223372036854775807n);
    expect(() => composeId({ timestamp: ID_EPOCH_MS + 2 ** 41, workerId: 0, sequence: 0 })).toThrow(RangeError);
    expect(() => composeId({ timestamp: ID_EPOCH_MS - 1, workerId: 0, sequence: 0 })).toThrow(RangeError);
  });

  it("refuses out-of-range parts", () => {
    expect(() => composeId({ timestamp: T, workerId: 1024, sequence: 0 })).toThrow(RangeError);
    expect(() => composeId({ timestamp: T, workerId: -1, sequence: 0 })).toThrow(RangeError);
    expect(() => composeId({ timestamp: T, workerId: 0, sequence: 4096 })).toThrow(RangeError);
    expect(() => decomposeId(-1n)).toThrow(RangeError);
    expect(() => idTimestamp(MAX_ID + 1n)).toThrow(RangeError);
  });
});

describe("createIdGenerator", () => {
  it("refuses a bad worker id", () => {
    expect(() => createIdGenerator({ workerId: 1024, clock: () => T })).toThrow(RangeError);
    expect(() => createIdGenerator({ workerId: 1.5, clock: () => T })).toThrow(RangeError);
  });

  it("makes 100k ids strictly increasing and unique, recovering the time", () => {
    const now = T;
    let calls = 0;
    // the clock advances 1 ms every 7 calls
    const gen = createIdGenerator({ workerId: 7, clock: () => now + Math.floor(calls++ / 7) });
    let prev = -1n;
    let outOfOrder = 0;
    let wrongParts = 0;
    const seen = new Set<bigint>();
    for (let i = 0; i < 100_000; i++) {
      const id = gen.next();
      if (id <= prev) outOfOrder++;
      prev = id;
      seen.add(id);
      const parts = decomposeId(id);
      if (parts.workerId !== 7 || parts.timestamp !== now + Math.floor((calls - 1) / 7)) wrongParts++;
    }
    expect(outOfOrder).toBe(0);
    expect(wrongParts).toBe(0);
    expect(seen.size).toBe(100_000);
  });

  it("moves to the next ms when a ms's 4096 sequence numbers run out", () => {
    const gen = createIdGenerator({ workerId: 3, clock: () => T }); // a frozen clock
    const ids = Array.from({ length: 3 * (MAX_SEQUENCE + 1) + 5 }, () => gen.next());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(decomposeId(ids[4095]!)).toEqual({ timestamp: T, workerId: 3, sequence: 4095 });
    expect(decomposeId(ids[4096]!)).toEqual({ timestamp: T + 1, workerId: 3, sequence: 0 });
    expect(decomposeId(ids.at(-1)!)).toEqual({ timestamp: T + 3, workerId: 3, sequence: 4 });
    // when the clock catches up to a borrowed ms, that ms's sequence continues, no reuse
    let calls = 0;
    const after = createIdGenerator({ workerId: 3, clock: () => (calls++ < 4097 ? T : T + 1) });
    for (let i = 0; i < 4097; i++) after.next(); // the 4097th borrowed T+1, sequence 0
    expect(decomposeId(after.next())).toEqual({ timestamp: T + 1, workerId: 3, sequence: 1 });
  });

  it("stays monotonic when the clock steps back, and resumes when it catches up", () => {
    const times = [T, T + 10, T + 5, T + 5, T + 9, T + 10, T + 11];
    let i = 0;
    const gen = createIdGenerator({ workerId: 1, clock: () => times[i++]! });
    const ids = times.map(() => gen.next());
    for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!).toBe(true);
    // while the clock is behind, ids keep the last timestamp (T+10) with rising sequence
    expect(ids.slice(1, 6).map((id) => decomposeId(id))).toEqual([
      { timestamp: T + 10, workerId: 1, sequence: 0 },
      { timestamp: T + 10, workerId: 1, sequence: 1 },
      { timestamp: T + 10, workerId: 1, sequence: 2 },
      { timestamp: T + 10, workerId: 1, sequence: 3 },
      { timestamp: T + 10, workerId: 1, sequence: 4 },
    ]);
    expect(decomposeId(ids[6]!)).toEqual({ timestamp: T + 11, workerId: 1, sequence: 0 });
  });

  it("never collides across workers sharing a clock", () => {
    let tick = 0;
    const clock = () => T + Math.floor(tick++ / 50);
    const a = createIdGenerator({ workerId: 0, clock });
    const b = createIdGenerator({ workerId: 1, clock });
    const c = createIdGenerator({ workerId: 1023, clock });
    const all = new Set<bigint>();
    for (let i = 0; i < 30_000; i++) {
      all.add(a.next());
      all.add(b.next());
      all.add(c.next());
    }
    expect(all.size).toBe(90_000);
  });

  it("floors a fractional clock and refuses a clock before 2024", () => {
    const gen = createIdGenerator({ workerId: 0, clock: () => T + 0.9 });
    expect(idTimestamp(gen.next())).toBe(T);
    const early = createIdGenerator({ workerId: 0, clock: () => Date.UTC(2023, 11, 31) });
    expect(() => early.next()).toThrow(RangeError);
  });
});

describe("time ranges", () => {
  it("gives inclusive id bounds that contain exactly the ids made in the range", () => {
    const { min, max } = idRangeForTime(T, T + 999);
    expect(min).toBe(minIdForTime(T));
    expect(max).toBe(maxIdForTime(T + 999));
    expect(composeId({ timestamp: T, workerId: 0, sequence: 0 })).toBe(min);
    expect(composeId({ timestamp: T + 999, workerId: 1023, sequence: 4095 })).toBe(max);
    expect(composeId({ timestamp: T - 1, workerId: 1023, sequence: 4095 })).toBe(min - 1n);
    expect(composeId({ timestamp: T + 1000, workerId: 0, sequence: 0 })).toBe(max + 1n);
  });

  it("turns 'the last day' into an id range", () => {
    const now = T;
    const { min, max } = idRangeForTime(now - 86_400_000, now);
    const gen = createIdGenerator({ workerId: 9, clock: () => now - 3_600_000 });
    const id = gen.next();
    expect(id >= min && id <= max).toBe(true);
    expect(idTimestamp(min)).toBe(now - 86_400_000);
    expect(idTimestamp(max)).toBe(now);
  });

  it("clamps times outside the id range and refuses a reversed range", () => {
    expect(idRangeForTime(0, ID_EPOCH_MS).min).toBe(0n);
    expect(maxIdForTime(Date.UTC(2200, 0, 1))).toBe(MAX_ID);
    expect(() => idRangeForTime(T + 1, T)).toThrow(RangeError);
  });
});

describe("monthly partitions", () => {
  it("starts January 2024 at id 0 and February at 31 days of ms", () => {
    // 31 days = 2_678_400_000 ms; << 22 = 2_678_400_000 · 4_194_304 = 11_234_023_833_600_000
    expect(monthPartitionBounds(2024, 1)).toEqual({ from: 0n, to: 11_234_023_833_600_000n });
    expect(monthPartitionBounds(2024, 2).from).toBe(11_234_023_833_600_000n);
  });

  it("tiles: each month's upper bound is the next month's lower bound, December into January", () => {
    for (let year = 2024; year <= 2030; year++) {
      for (let month = 1; month <= 12; month++) {
        const next = month === 12 ? monthPartitionBounds(year + 1, 1) : monthPartitionBounds(year, month + 1);
        expect(monthPartitionBounds(year, month).to).toBe(next.from);
      }
    }
  });

  it("puts the last ms of a month below `to` and the first of the next at `to`", () => {
    const { from, to } = monthPartitionBounds(2026, 11);
    const last = composeId({ timestamp: Date.UTC(2026, 11, 1) - 1, workerId: 1023, sequence: 4095 });
    const first = composeId({ timestamp: Date.UTC(2026, 11, 1), workerId: 0, sequence: 0 });
    expect(last < to && last >= from).toBe(true);
    expect(first).toBe(to);
    expect(idMonth(last)).toEqual({ year: 2026, month: 11 });
    expect(idMonth(first)).toEqual({ year: 2026, month: 12 });
  });

  it("refuses months outside the id range", () => {
    expect(() => monthPartitionBounds(2023, 12)).toThrow(RangeError);
    expect(() => monthPartitionBounds(2024, 0)).toThrow(RangeError);
    expect(() => monthPartitionBounds(2024, 13)).toThrow(RangeError);
    expect(() => monthPartitionBounds(2094, 1)).toThrow(RangeError);
    // the last month that starts inside the range caps at MAX_ID
    expect(monthPartitionBounds(2093, 9).to).toBe(MAX_ID);
  });

  it("names partitions posts_y2026m11, zero-padding the month", () => {
    expect(monthPartitionName("posts", 2026, 11)).toBe("posts_y2026m11");
    expect(monthPartitionName("posts", 2026, 3)).toBe("posts_y2026m03");
    expect(() => monthPartitionName("posts; drop table x", 2026, 3)).toThrow(RangeError);
  });
});
