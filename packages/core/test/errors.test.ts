import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AuthRequiredError,
  ConflictError,
  ERROR_CODES,
  ForbiddenError,
  HivemindError,
  NotFoundError,
  RateLimitError,
  ValidationError,
  fromZodError,
  isErrorCode,
  isHivemindError,
  rateLimitWaitText,
  redditErrorTuple,
} from "../src/index.js";

describe("error family", () => {
  it("maps each class to its HTTP status, default code and name", () => {
    const cases: [HivemindError, number, string, string][] = [
      [new ValidationError("bad"), 400, "BAD_REQUEST", "ValidationError"],
      [new AuthRequiredError(), 401, "USER_REQUIRED", "AuthRequiredError"],
      [new ForbiddenError(), 403, "FORBIDDEN", "ForbiddenError"],
      [new NotFoundError(), 404, "NOT_FOUND", "NotFoundError"],
      [new ConflictError(), 409, "CONFLICT", "ConflictError"],
      [new RateLimitError(5), 400, "RATELIMIT", "RateLimitError"],
    ];
    for (const [err, status, code, name] of cases) {
      expect(err.status).toBe(status);
      expect(err.code).toBe(code);
      expect(err.name).toBe(name);
      expect(err.name.endsWith("Error")).toBe(true);
      expect(err).toBeInstanceOf(HivemindError);
      expect(err).toBeInstanceOf(Error);
      expect(isHivemindError(err)).toBe(true);
      expect(err.field).toBeUndefined();
    }
    expect(isHivemindError(new Error("x"))).toBe(false);
  });

  it("carries a specific code, a field and a cause", () => {
    const cause = new Error("root");
    const e = new ValidationError("title is too long", { code: "TOO_LONG", field: "title", cause });
    expect([e.code, e.field, e.status, e.cause]).toEqual(["TOO_LONG", "title", 400, cause]);
    expect(new NotFoundError("no such community", { code: "SUBREDDIT_NOEXIST", field: "sr" }).code).toBe("SUBREDDIT_NOEXIST");
    expect(new ForbiddenError("banned", { code: "BANNED" }).status).toBe(403);
    expect(new HivemindError("THREAD_LOCKED", "locked", 403).name).toBe("HivemindError");
  });

  it("gives reddit's [code, message, field] triple", () => {
    expect(redditErrorTuple(new ValidationError("we need something here", { code: "NO_TEXT", field: "text" }))).toEqual([
      "NO_TEXT",
      "we need something here",
      "text",
    ]);
    expect(redditErrorTuple(new ConflictError())).toEqual(["CONFLICT", "conflict", null]);
  });

  it("knows its codes", () => {
    for (const c of ["BAD_REQUEST", "NO_TEXT", "TOO_LONG", "SUBREDDIT_NOEXIST", "THREAD_LOCKED", "RATELIMIT", "SUBREDDIT_EXISTS", "WRONG_PASSWORD", "INVALID_OPTION", "DELETED", "REMOVED", "CONFLICT"]) {
      expect(ERROR_CODES).toContain(c);
    }
    expect(isErrorCode("NOPE")).toBe(false);
  });
});

describe("RateLimitError", () => {
  const PRAW_RE = /([0-9]{1,3}) (milliseconds?|seconds?|minutes?)/;

  it("rounds retryAfterSeconds up to a whole second, at least 1", () => {
    expect(new RateLimitError(2.1).retryAfterSeconds).toBe(3);
    expect(new RateLimitError(0).retryAfterSeconds).toBe(1);
    expect(new RateLimitError(Number.NaN).retryAfterSeconds).toBe(1);
  });

  it("writes a message PRAW can parse to retry", () => {
    const m = PRAW_RE.exec(new RateLimitError(4).message);
    expect(m?.[1]).toBe("4");
    expect(m?.[2]).toBe("seconds");
    expect(rateLimitWaitText(1)).toBe("1 second");
    expect(rateLimitWaitText(61)).toBe("2 minutes");
    expect(rateLimitWaitText(60)).toBe("1 minute");
  });
});

describe("fromZodError", () => {
  const schema = z.object({
    title: z.string().trim().min(1).max(5),
    kind: z.enum(["link", "self"]),
    nested: z.object({ items: z.array(z.number().max(3)) }).optional(),
    name: z.string().refine((s) => s === "ok", { message: "bad name", params: { code: "BAD_SR_NAME" } }).optional(),
  });

  function err(input: unknown, prefix?: string): ValidationError {
    const r = schema.safeParse(input);
    if (r.success) throw new Error("parsed");
    return fromZodError(r.error, prefix);
  }

  it("names the first failing field and maps zod issues to reddit codes", () => {
    expect([err({ title: "", kind: "link" }).code, err({ title: "", kind: "link" }).field]).toEqual(["NO_TEXT", "title"]);
    expect(err({ title: "toolong", kind: "link" }).code).toBe("TOO_LONG");
    expect([err({ title: "a", kind: "poll" }).code, err({ title: "a", kind: "poll" }).field]).toEqual(["INVALID_OPTION", "kind"]);
    expect(err({ kind: "link" }).code).toBe("NO_TEXT"); // missing text field
    expect(err({ title: 5, kind: "link" }).code).toBe("BAD_REQUEST");
  });

  it("uses dotted paths, a prefix, and codes declared by refinements", () => {
    const e = err({ title: "a", kind: "link", nested: { items: [1, 9] } });
    expect([e.field, e.code]).toEqual(["nested.items.1", "BAD_NUMBER"]);
    expect(err({ title: "a", kind: "link", name: "x" }).code).toBe("BAD_SR_NAME");
    expect(err({ title: "", kind: "link" }, "body").field).toBe("body.title");
    const root = z.string().safeParse(1);
    expect(root.success).toBe(false);
    if (!root.success) {
      expect(fromZodError(root.error).field).toBeUndefined();
      expect(fromZodError(root.error, "q").field).toBe("q");
    }
  });

  it("returns a ValidationError with status 400 keeping the zod error as cause", () => {
    const e = err({ title: "", kind: "link" });
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.status).toBe(400);
    expect(e.cause).toBeInstanceOf(z.ZodError);
  });
});
