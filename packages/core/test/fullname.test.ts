import { describe, expect, it } from "vitest";
import {
  MAX_ID,
  ValidationError,
  formatFullname,
  fromBase36,
  fromZodError,
  fullnameSchema,
  id36Schema,
  isFullname,
  parseFullname,
  parsedFullnameSchema,
  parsedId36Schema,
  toBase36,
} from "../src/index.js";

function thrown(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error("did not throw");
}

describe("base36", () => {
  it("round-trips known values", () => {
    // 15bfi0 = 1·36^5 + 5·36^4 + 11·36^3 + 15·36^2 + 18·36 + 0 = 60466176 + 8398080 + 513216 + 19440 + 648
    expect(fromBase36("15bfi0")).toBe(69397560n);
    expect(toBase36(69397560n)).toBe("15bfi0");
    expect(toBase36(0n)).toBe("0");
    expect(toBase36(35n)).toBe("z");
    expect(fromBase36("10")).toBe(36n);
    expect(toBase36(MAX_ID)).toBe("1y2p0ij32e8e7");
    expect(fromBase36("1y2p0ij32e8e7")).toBe(MAX_ID);
  });

  it("round-trips many ids", () => {
    let x = 1n;
    for (let i = 0; i < 2000; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & MAX_ID;
      expect(fromBase36(toBase36(x))).toBe(x);
    }
  });

  it("refuses malformed input with a ValidationError naming the field", () => {
    for (const bad of ["", "ABC", "aBc", "-1", "+1", "1.5", " 1", "1 ", "a_b", "é", "007", "1y2p0ij32e8e8", "zzzzzzzzzzzzz", "10000000000000"]) {
      const e = thrown(() => fromBase36(bad, "thing_id"));
      expect(e.field).toBe("thing_id");
      expect(e.code).toBe("INVALID_ID");
      expect(e.status).toBe(400);
    }
    expect(thrown(() => fromBase36("!")).field).toBe("id");
  });

  it("refuses ids outside 0..2^63-1 when formatting", () => {
    expect(() => toBase36(-1n)).toThrow(RangeError);
    expect(() => toBase36(MAX_ID + 1n)).toThrow(RangeError);
  });
});

describe("fullnames", () => {
  it("formats and parses every kind", () => {
    expect(formatFullname("t1", 36n)).toBe("t1_10");
    expect(formatFullname("t2", 1n)).toBe("t2_1");
    expect(formatFullname("t3", 69397560n)).toBe("t3_15bfi0");
    expect(formatFullname("t5", 35n)).toBe("t5_z");
    expect(parseFullname("t3_15bfi0")).toEqual({ kind: "t3", id: 69397560n });
    expect(parseFullname("t5_z")).toEqual({ kind: "t5", id: 35n });
  });

  it("checks the expected kinds", () => {
    expect(parseFullname("t1_a", ["t1", "t3"])).toEqual({ kind: "t1", id: 10n });
    const e = thrown(() => parseFullname("t2_a", ["t1", "t3"], "parent"));
    expect(e.field).toBe("parent");
    expect(e.message).toContain("t1|t3");
  });

  it("refuses wrong prefixes, empty ids and bad base36", () => {
    for (const bad of ["", "t3", "t3_", "t6_abc", "t9_abc", "T3_abc", "t3-abc", "t3__abc", "abc", "t3_ABC", "t3_0a", "t3_1y2p0ij32e8e8"]) {
      expect(thrown(() => parseFullname(bad, undefined, "id")).field).toBe("id");
      expect(isFullname(bad)).toBe(false);
    }
    expect(thrown(() => parseFullname(42 as unknown as string)).code).toBe("INVALID_ID");
  });

  it("has zod schemas that keep strings or parse to bigint", () => {
    expect(fullnameSchema(["t3"]).parse("t3_abc")).toBe("t3_abc");
    expect(fullnameSchema(["t3"]).safeParse("t1_abc").success).toBe(false);
    expect(fullnameSchema().safeParse("t5_abc").success).toBe(true);
    expect(fullnameSchema().safeParse(12).success).toBe(false);
    expect(parsedFullnameSchema(["t1", "t3"]).parse("t1_10")).toEqual({ kind: "t1", id: 36n });
    expect(id36Schema.parse("15bfi0")).toBe("15bfi0");
    expect(parsedId36Schema.parse("15bfi0")).toBe(69397560n);
    expect(id36Schema.safeParse("15BFI0").success).toBe(false);
  });

  it("reports INVALID_ID with the field path through fromZodError", () => {
    const r = fullnameSchema(["t3"]).safeParse("t1_x");
    expect(r.success).toBe(false);
    if (!r.success) {
      const e = fromZodError(r.error, "thing_id");
      expect(e.code).toBe("INVALID_ID");
      expect(e.field).toBe("thing_id");
    }
  });
});
