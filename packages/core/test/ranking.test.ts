import { describe, expect, it } from "vitest";
import {
  CONFIDENCE_Z,
  FRONT_PER_COMMUNITY,
  LISTING_MAX,
  PAGE_DEFAULT,
  PAGE_MAX,
  commentSortSchema,
  commentSortValues,
  compareRanked,
  confidence,
  controversy,
  hot,
  isWithinTimeFilter,
  linkSortSchema,
  linkSortValues,
  qa,
  qaScore,
  rising,
  roundPython,
  score,
  sortUsesTimeFilter,
  timeFilterCutoff,
  timeFilterSchema,
} from "../src/index.js";

const S = 1000; // ms per second
const H = 3600 * S;
const HOT_EPOCH_MS = 1134028003 * S; // 2005-12-08T07:46:43Z
const Z2 = CONFIDENCE_Z * CONFIDENCE_Z; // 1.281551565545² = 1.6423744151508406

describe("score", () => {
  it("is ups minus downs, negative allowed", () => {
    expect(score(0, 0)).toBe(0);
    expect(score(10, 3)).toBe(7);
    expect(score(3, 10)).toBe(-7);
  });
});

describe("roundPython", () => {
  it("rounds the exact binary value half to even, like Python's round(x, n)", () => {
    expect(roundPython(0.5, 0)).toBe(0);
    expect(roundPython(1.5, 0)).toBe(2);
    expect(roundPython(2.5, 0)).toBe(2);
    expect(roundPython(-2.5, 0)).toBe(-2);
    // 0.00390625 = 2^-8 exactly: a true tie at 7 digits, goes to the even 0.0039062
    expect(roundPython(0.00390625, 7)).toBe(0.0039062);
    // 2.675 is stored as 2.67499999…, so Python gives 2.67
    expect(roundPython(2.675, 2)).toBe(2.67);
    expect(roundPython(1.23456789, 7)).toBe(1.2345679);
    expect(roundPython(-1.23456789, 7)).toBe(-1.2345679);
    expect(roundPython(0, 7)).toBe(0);
    expect(roundPython(1e300, 7)).toBe(1e300);
  });
});

describe("hot", () => {
  it("is 0 for score 1 at reddit's epoch 1134028003", () => {
    // sign 1 · log10(max(1,1)) = 0; seconds = 0 → round(0 + 0/45000, 7) = 0
    expect(hot(1, 0, HOT_EPOCH_MS)).toBe(0);
  });

  it("is 0 for zero votes at the epoch (sign 0)", () => {
    expect(hot(0, 0, HOT_EPOCH_MS)).toBe(0);
  });

  it("treats equal ups and downs as score 0: only time counts", () => {
    // s = 0 → sign 0; 45000 s after the epoch → 0 + 45000/45000 = 1
    expect(hot(5, 5, HOT_EPOCH_MS + 45000 * S)).toBe(1);
    expect(hot(5, 5, HOT_EPOCH_MS + 45000 * S)).toBe(hot(0, 0, HOT_EPOCH_MS + 45000 * S));
  });

  it("gains 1 per factor of 10 in score and per 45000 s (12.5 h)", () => {
    // log10(10) = 1; 45000/45000 = 1 → 2
    expect(hot(10, 0, HOT_EPOCH_MS + 45000 * S)).toBe(2);
    // log10(100) = 2; 90000/45000 = 2 → 4
    expect(hot(100, 0, HOT_EPOCH_MS + 90000 * S)).toBe(4);
  });

  it("uses sign(s)·log10(|s|) for negative scores", () => {
    // s = -10 → -1·log10(10) = -1; +1 for 45000 s → 0
    expect(hot(0, 10, HOT_EPOCH_MS + 45000 * S)).toBe(0);
    // s = -1 → -1·log10(max(1,1)) = -0 → just the time term
    expect(hot(0, 1, HOT_EPOCH_MS)).toBe(0);
    // 2024-01-01: seconds = 1704067200 - 1134028003 = 570039197; /45000 = 12667.53771111…
    // s = -1000 → -3 → 12664.5377111
    expect(hot(0, 1000, Date.UTC(2024, 0, 1))).toBe(12664.5377111);
  });

  it("handles an old 2005 date (before reddit's epoch: negative time term)", () => {
    // 2005-01-01 = 1104537600 s; 1104537600 - 1134028003 = -29490403; /45000 = -655.34228888…
    // round(0 + -655.3422888…, 7) = -655.3422889
    expect(hot(1, 0, Date.UTC(2005, 0, 1))).toBe(-655.3422889);
  });

  it("handles large scores and a future date", () => {
    // log10(1e9) = 9; 570039197/45000 = 12667.5377111… → 12676.5377111
    expect(hot(1_000_000_000, 0, Date.UTC(2024, 0, 1))).toBe(12676.5377111);
    // 2100-01-01 = 4102444800 s; 4102444800 - 1134028003 = 2968416797; /45000 = 65964.81771111…
    expect(hot(1, 0, Date.UTC(2100, 0, 1))).toBe(65964.8177111);
  });

  it("rounds to 7 decimal places", () => {
    // 1 s after the epoch: 1/45000 = 0.0000222222… → 0.0000222
    expect(hot(1, 0, HOT_EPOCH_MS + S)).toBe(0.0000222);
    // fractional seconds count: 0.5 s → 0.5/45000 = 0.0000111111… → 0.0000111
    expect(hot(1, 0, HOT_EPOCH_MS + 500)).toBe(0.0000111);
  });

  it("ranks a newer post with the same score higher", () => {
    const t = Date.UTC(2026, 5, 1);
    expect(hot(10, 0, t + H)).toBeGreaterThan(hot(10, 0, t));
  });
});

describe("controversy", () => {
  it("is 0 unless there are both ups and downs", () => {
    expect(controversy(0, 0)).toBe(0);
    expect(controversy(5, 0)).toBe(0);
    expect(controversy(0, 5)).toBe(0);
    expect(controversy(-1, 5)).toBe(0);
  });

  it("is (ups+downs)^(min/max)", () => {
    // equal: 20^(10/10) = 20
    expect(controversy(10, 10)).toBe(20);
    // 10^(2/8) = 10^0.25 = 1.7782794100389228, symmetric in ups/downs
    expect(controversy(2, 8)).toBeCloseTo(1.7782794100389228, 14);
    expect(controversy(8, 2)).toBe(controversy(2, 8));
    // 101^(1/100) = e^(ln 101 / 100) = e^0.0461512… = 1.04723274…
    expect(controversy(100, 1)).toBeCloseTo(1.0472327459898225, 14);
    // 1 vs 1: 2^1 = 2
    expect(controversy(1, 1)).toBe(2);
  });

  it("grows with magnitude at equal balance and with balance at equal magnitude", () => {
    expect(controversy(1000, 1000)).toBe(2000);
    expect(controversy(60, 40)).toBeGreaterThan(controversy(90, 10));
  });
});

describe("confidence", () => {
  it("is 0 with no votes", () => {
    expect(confidence(0, 0)).toBe(0);
  });

  it("for n ups and no downs is 1/(1 + z²/n)", () => {
    // p = 1: left = 1 + z²/2n, right = z·sqrt(0 + z²/4n²) = z²/2n → 1/(1 + z²/n)
    // n = 1: 1/(1 + 1.6423744151508406) = 0.37844750322520615
    expect(confidence(1, 0)).toBeCloseTo(0.37844750322520615, 14);
    expect(confidence(1, 0)).toBeCloseTo(1 / (1 + Z2), 14);
    // n = 10: 1/(1 + 0.16423744…) = 0.85893131…
    expect(confidence(10, 0)).toBeCloseTo(0.8589313179093836, 14);
    // n = 1e6: 1/(1 + 1.6423744e-6) = 0.99999835762…
    expect(confidence(1_000_000, 0)).toBeCloseTo(0.9999983576282823, 14);
  });

  it("is 0 for only downvotes", () => {
    // p = 0: left = z²/2n, right = z·sqrt(z²/4n²) = z²/2n → exactly 0 (no float noise)
    expect(confidence(0, 1)).toBe(0);
    expect(confidence(0, 50)).toBe(0);
  });

  it("for equal ups and downs", () => {
    // n = 2, p = 0.5: left = 0.5 + z²/4, right = z·sqrt(0.125 + z²/16), under = 1 + z²/2
    const expected11 = (0.5 + Z2 / 4 - CONFIDENCE_Z * Math.sqrt(0.125 + Z2 / 16)) / (1 + Z2 / 2);
    expect(confidence(1, 1)).toBeCloseTo(expected11, 15);
    expect(confidence(1, 1)).toBeCloseTo(0.16425172002984176, 14);
    // n = 10, p = 0.5: left = 0.5 + z²/20, right = z·sqrt(0.025 + z²/400), under = 1 + z²/10
    const expected55 = (0.5 + Z2 / 20 - CONFIDENCE_Z * Math.sqrt(0.025 + Z2 / 400)) / (1 + Z2 / 10);
    expect(confidence(5, 5)).toBeCloseTo(expected55, 15);
    expect(confidence(5, 5)).toBeCloseTo(0.3122044448804655, 14);
  });

  it("trusts more evidence at the same ratio, and stays in [0, 1)", () => {
    expect(confidence(100, 10)).toBeGreaterThan(confidence(10, 1));
    for (let ups = 0; ups <= 40; ups++) {
      for (let downs = 0; downs <= 40; downs++) {
        const c = confidence(ups, downs);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThan(1);
        // an extra upvote never lowers it
        expect(confidence(ups + 1, downs)).toBeGreaterThanOrEqual(c);
      }
    }
  });
});

describe("qa", () => {
  it("is confidence plus log10(length)/5 without an OP answer", () => {
    // confidence(1,0) + log10(99 + 1)/5 = 0.378447… + 2/5
    expect(qa(1, 0, 99)).toBeCloseTo(confidence(1, 0) + 0.4, 14);
    expect(qaScore(0, 0)).toBe(0); // log10(0 + 1) = 0
  });

  it("adds the best OP answer's confidence and length", () => {
    const answers = [
      { ups: 1, downs: 1, length: 5 },
      { ups: 10, downs: 0, length: 899 },
    ];
    // best answer is (10, 0): 0.858931…; length term log10(101 + 899)/5 = 3/5
    expect(qa(1, 0, 101, answers)).toBeCloseTo(confidence(1, 0) + confidence(10, 0) + 0.6, 14);
  });
});

describe("rising", () => {
  const now = Date.UTC(2026, 10, 22, 12);

  it("is net score per hour of age", () => {
    // 2 hours old, 12 up 2 down → 10 / 2 = 5 per hour
    expect(rising(12, 2, now - 2 * H, now)).toBe(5);
    // 4 hours old, 9 up → 9 / 4 = 2.25
    expect(rising(9, 0, now - 4 * H, now)).toBe(2.25);
  });

  it("floors age at one hour", () => {
    // 1 minute old with 3 ups: 3 / max(1/60, 1) = 3
    expect(rising(3, 0, now - 60 * S, now)).toBe(3);
    // future dated counts as age 0 → floor
    expect(rising(3, 0, now + 10 * H, now)).toBe(3);
  });

  it("leaves out posts older than 12 hours", () => {
    expect(rising(100, 0, now - 12 * H, now)).toBeCloseTo(100 / 12, 12);
    expect(rising(100, 0, now - 12 * H - 1, now)).toBeNull();
  });

  it("leaves out posts with fewer than 2 ups or a non-positive score", () => {
    expect(rising(0, 0, now, now)).toBeNull();
    expect(rising(1, 0, now, now)).toBeNull();
    expect(rising(3, 3, now, now)).toBeNull();
    expect(rising(2, 5, now, now)).toBeNull();
    expect(rising(2, 0, now, now)).toBe(2);
  });

  it("ranks a fast young post over a bigger older one", () => {
    // 20 in 1 h = 20/h beats 100 in 10 h = 10/h
    expect(rising(20, 0, now - H, now)!).toBeGreaterThan(rising(100, 0, now - 10 * H, now)!);
  });
});

describe("sort values", () => {
  it("gives every link sort a value (rising null outside its window)", () => {
    const createdMs = Date.UTC(2026, 0, 1);
    const v = linkSortValues({ ups: 10, downs: 2, createdMs }, createdMs + 2 * H);
    expect(v).toEqual({
      hot: hot(10, 2, createdMs),
      new: createdMs,
      top: 8,
      controversial: controversy(10, 2),
      rising: 4,
    });
    expect(linkSortValues({ ups: 10, downs: 2, createdMs }, createdMs + 13 * H).rising).toBeNull();
  });

  it("gives comment sorts values where higher sorts first (old = -created)", () => {
    const v = commentSortValues({ ups: 3, downs: 1, createdMs: 5000 });
    expect(v).toEqual({ confidence: confidence(3, 1), top: 2, new: 5000, controversial: controversy(3, 1), old: -5000 });
  });

  it("orders by value descending, then id descending", () => {
    const items = [
      { value: 1, id: 5n },
      { value: 2, id: 1n },
      { value: 1, id: 9n },
    ];
    expect(items.sort(compareRanked).map((x) => x.id)).toEqual([1n, 9n, 5n]);
  });
});

describe("time filters", () => {
  const now = Date.UTC(2026, 10, 22);

  it("parses reddit's six filters", () => {
    for (const t of ["hour", "day", "week", "month", "year", "all"]) expect(timeFilterSchema.parse(t)).toBe(t);
    expect(timeFilterSchema.safeParse("decade").success).toBe(false);
  });

  it("cuts off at fixed lengths (month 30 days, year 365 days, like reddit)", () => {
    expect(timeFilterCutoff("all", now)).toBeNull();
    expect(timeFilterCutoff("hour", now)).toBe(now - 3_600_000);
    expect(timeFilterCutoff("day", now)).toBe(now - 86_400_000);
    expect(timeFilterCutoff("week", now)).toBe(now - 7 * 86_400_000);
    expect(timeFilterCutoff("month", now)).toBe(now - 30 * 86_400_000);
    expect(timeFilterCutoff("year", now)).toBe(now - 365 * 86_400_000);
  });

  it("includes the cutoff instant itself", () => {
    expect(isWithinTimeFilter("day", now - 86_400_000, now)).toBe(true);
    expect(isWithinTimeFilter("day", now - 86_400_001, now)).toBe(false);
    expect(isWithinTimeFilter("all", 0, now)).toBe(true);
  });

  it("applies only to top and controversial", () => {
    expect(sortUsesTimeFilter("top")).toBe(true);
    expect(sortUsesTimeFilter("controversial")).toBe(true);
    expect(sortUsesTimeFilter("hot")).toBe(false);
    expect(sortUsesTimeFilter("rising")).toBe(false);
  });
});

describe("sort names and constants", () => {
  it("parses listing and comment sorts", () => {
    expect(linkSortSchema.options).toEqual(["hot", "new", "top", "controversial", "rising"]);
    expect(commentSortSchema.options).toEqual(["confidence", "top", "new", "controversial", "old", "qa"]);
    expect(linkSortSchema.safeParse("best").success).toBe(false);
  });

  it("has reddit's listing limits", () => {
    expect([LISTING_MAX, PAGE_DEFAULT, PAGE_MAX, FRONT_PER_COMMUNITY]).toEqual([1000, 25, 100, 150]);
  });
});
