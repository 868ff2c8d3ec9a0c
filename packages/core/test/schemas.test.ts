import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  banDurationSchema,
  banNoteSchema,
  banReasonSchema,
  booleanParamSchema,
  commentBodySchema,
  communityNameSchema,
  domainOf,
  fromZodError,
  limitParamSchema,
  listingParamsSchema,
  loginPasswordSchema,
  nameKey,
  newCommunityNameSchema,
  parseBooleanParam,
  passwordSchema,
  reportReasonSchema,
  selftextSchema,
  titleSchema,
  urlSchema,
  usernameSchema,
  voteDirSchema,
} from "../src/index.js";

/** The reddit error code a schema gives for `input`, or "ok". */
function codeOf(schema: z.ZodType, input: unknown): string {
  const r = schema.safeParse(input);
  return r.success ? "ok" : fromZodError(r.error).code;
}

describe("community names", () => {
  it("accepts 3..21 letters, digits and underscores, not starting with _", () => {
    for (const ok of ["abc", "AskReddit", "a_b", "abc123", "a".repeat(21), "123", "a__"]) {
      expect(codeOf(communityNameSchema, ok), ok).toBe("ok");
    }
    for (const bad of ["ab", "a".repeat(22), "_abc", "a-b", "a b", "abc!", "", "ábc"]) {
      expect(codeOf(communityNameSchema, bad), bad).toBe("BAD_SR_NAME");
    }
  });

  it("trims and refuses reserved names for new communities, case-insensitively", () => {
    expect(communityNameSchema.parse("  pics ")).toBe("pics");
    expect(codeOf(newCommunityNameSchema, "All")).toBe("SUBREDDIT_EXISTS");
    expect(codeOf(newCommunityNameSchema, "popular")).toBe("SUBREDDIT_EXISTS");
    expect(codeOf(newCommunityNameSchema, "pics")).toBe("ok");
    expect(nameKey("AskReddit")).toBe("askreddit");
  });
});

describe("usernames and passwords", () => {
  it("accepts reddit usernames: 3..20 of letters, digits, _ and -", () => {
    for (const ok of ["bob", "spez", "a-b_c", "-_-", "x".repeat(20)]) expect(codeOf(usernameSchema, ok), ok).toBe("ok");
    for (const bad of ["ab", "x".repeat(21), "a b", "a.b", "ü_ber", ""]) expect(codeOf(usernameSchema, bad), bad).toBe("BAD_USERNAME");
  });

  it("requires passwords of 8..256 characters, untrimmed", () => {
    expect(codeOf(passwordSchema, "12345678")).toBe("ok");
    expect(codeOf(passwordSchema, "1234567")).toBe("BAD_PASSWORD");
    expect(codeOf(passwordSchema, "x".repeat(256))).toBe("ok");
    expect(codeOf(passwordSchema, "x".repeat(257))).toBe("BAD_PASSWORD");
    expect(passwordSchema.parse("  spaces  ")).toBe("  spaces  ");
    expect(codeOf(loginPasswordSchema, "")).toBe("WRONG_PASSWORD");
    expect(codeOf(loginPasswordSchema, "short")).toBe("ok");
  });
});

describe("titles and bodies", () => {
  it("trims titles and requires 1..300 characters", () => {
    expect(titleSchema.parse("  hello  ")).toBe("hello");
    expect(codeOf(titleSchema, "   ")).toBe("NO_TEXT");
    expect(codeOf(titleSchema, "")).toBe("NO_TEXT");
    expect(codeOf(titleSchema, "x".repeat(300))).toBe("ok");
    expect(codeOf(titleSchema, "x".repeat(301))).toBe("TOO_LONG");
  });

  it("allows empty self text up to 40000 characters", () => {
    expect(codeOf(selftextSchema, "")).toBe("ok");
    expect(codeOf(selftextSchema, "x".repeat(40000))).toBe("ok");
    expect(codeOf(selftextSchema, "x".repeat(40001))).toBe("TOO_LONG");
  });

  it("requires non-blank comments up to 10000 characters", () => {
    expect(codeOf(commentBodySchema, "hi")).toBe("ok");
    expect(codeOf(commentBodySchema, " \n ")).toBe("NO_TEXT");
    expect(codeOf(commentBodySchema, "x".repeat(10000))).toBe("ok");
    expect(codeOf(commentBodySchema, "x".repeat(10001))).toBe("TOO_LONG");
  });
});

describe("urls and domains", () => {
  it("accepts http and https only", () => {
    for (const ok of ["http://example.com", "https://example.com/a?b=c#d", "https://[::1]:8080/x", " https://x.org "]) {
      expect(codeOf(urlSchema, ok), ok).toBe("ok");
    }
    expect(codeOf(urlSchema, "")).toBe("NO_URL");
    expect(codeOf(urlSchema, "   ")).toBe("NO_URL");
    for (const bad of ["ftp://example.com", "javascript:alert(1)", "example.com", "http://", "data:text/html,hi", "mailto:a@b.c"]) {
      expect(codeOf(urlSchema, bad), bad).toBe("BAD_URL");
    }
    expect(codeOf(urlSchema, `https://example.com/${"x".repeat(1980)}`)).toBe("ok"); // 20 + 1980 = 2000
    expect(codeOf(urlSchema, `https://example.com/${"x".repeat(1981)}`)).toBe("BAD_URL"); // 2001
    expect(urlSchema.parse(" https://x.org ")).toBe("https://x.org");
  });

  it("takes the lowercased host without a leading www.", () => {
    expect(domainOf("https://WWW.Example.COM/path")).toBe("example.com");
    expect(domainOf("http://news.example.com:8080/")).toBe("news.example.com");
    expect(domainOf("https://www.example.com./")).toBe("example.com");
    expect(domainOf("https://wwwexample.com")).toBe("wwwexample.com");
    expect(domainOf("https://www.www.example.com")).toBe("www.example.com");
    expect(domainOf("http://[::1]/")).toBe("[::1]");
    expect(domainOf("https://bücher.example")).toBe("xn--bcher-kva.example");
    expect(() => domainOf("ftp://example.com")).toThrow(RangeError);
  });
});

describe("votes, reports, bans", () => {
  it("accepts vote dirs as strings or numbers", () => {
    expect(voteDirSchema.parse("1")).toBe(1);
    expect(voteDirSchema.parse("0")).toBe(0);
    expect(voteDirSchema.parse("-1")).toBe(-1);
    expect(voteDirSchema.parse(-1)).toBe(-1);
    expect(voteDirSchema.parse(0)).toBe(0);
    for (const bad of ["2", "", "up", "1.0", 2, 0.5, null]) {
      const code = codeOf(voteDirSchema, bad);
      expect(code === "INVALID_OPTION" || code === "BAD_REQUEST", String(bad)).toBe(true);
    }
    expect(codeOf(voteDirSchema, "2")).toBe("INVALID_OPTION");
  });

  it("bounds report reasons and ban texts", () => {
    expect(codeOf(reportReasonSchema, " spam ")).toBe("ok");
    expect(codeOf(reportReasonSchema, " ")).toBe("NO_TEXT");
    expect(codeOf(reportReasonSchema, "x".repeat(101))).toBe("TOO_LONG");
    expect(codeOf(banReasonSchema, "")).toBe("ok");
    expect(codeOf(banReasonSchema, "x".repeat(300))).toBe("ok");
    expect(codeOf(banNoteSchema, "x".repeat(301))).toBe("TOO_LONG");
    expect(banDurationSchema.parse("3")).toBe(3);
    expect(codeOf(banDurationSchema, "0")).toBe("BAD_NUMBER");
    expect(codeOf(banDurationSchema, 1000)).toBe("BAD_NUMBER");
  });
});

describe("request parameters", () => {
  it("reads booleans the way reddit's VBoolean does", () => {
    for (const t of ["True", "true", "1", "on", "yes", "x", true, 1]) expect(parseBooleanParam(t), String(t)).toBe(true);
    for (const f of ["False", "false", "", "off", "OFF", "no", "n", "f", "nope", "0", false, 0]) {
      expect(parseBooleanParam(f), String(f)).toBe(false);
    }
    expect(booleanParamSchema.parse("True")).toBe(true);
    expect(booleanParamSchema.optional().default(false).parse(undefined)).toBe(false);
    expect(booleanParamSchema.safeParse(null).success).toBe(false);
  });

  it("clamps limit like reddit", () => {
    expect(limitParamSchema.parse(undefined)).toBe(25);
    expect(limitParamSchema.parse("")).toBe(25);
    expect(limitParamSchema.parse("abc")).toBe(25);
    expect(limitParamSchema.parse("0")).toBe(25);
    expect(limitParamSchema.parse("10")).toBe(10);
    expect(limitParamSchema.parse("1024")).toBe(100);
    expect(limitParamSchema.parse(-5)).toBe(1);
    expect(limitParamSchema.parse(7.9)).toBe(7);
  });

  it("parses a listing query", () => {
    expect(listingParamsSchema.parse({})).toEqual({ limit: 25, count: 0, t: "all" });
    expect(listingParamsSchema.parse({ limit: "100", after: "t3_abc", before: "", count: "25", t: "week" })).toEqual({
      limit: 100,
      after: "t3_abc",
      before: undefined,
      count: 25,
      t: "week",
    });
    const r = listingParamsSchema.safeParse({ after: "t3_ABC" });
    expect(r.success).toBe(false);
    if (!r.success) expect(fromZodError(r.error).field).toBe("after");
    expect(codeOf(listingParamsSchema, { t: "decade" })).toBe("INVALID_OPTION");
  });
});
