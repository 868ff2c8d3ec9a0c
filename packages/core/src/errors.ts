/**
 * The typed error family of hivemind. Every error that crosses a boundary (HTTP, Kafka, CLI)
 * is a HivemindError carrying a reddit-style machine-readable `code`, the offending input
 * `field` (or undefined) and the HTTP `status` it maps to. Route wrappers turn these into
 * `{"json":{"errors":[[code, message, field]]}}` (see `redditErrorTuple`) or a status body.
 */
import type { ZodError } from "zod";

/** Reddit-style machine-readable error codes (r2/r2/lib/errors.py names where one exists). */
export const ERROR_CODES = [
  "BAD_REQUEST",
  "NO_TEXT",
  "NO_SUBJECT",
  "TOO_LONG",
  "TOO_SHORT",
  "BAD_NUMBER",
  "NO_URL",
  "BAD_URL",
  "ALREADY_SUB",
  "NO_THING_ID",
  "INVALID_ID",
  "SUBREDDIT_NOEXIST",
  "SUBREDDIT_EXISTS",
  "SUBREDDIT_NOTALLOWED",
  "BAD_SR_NAME",
  "BAD_USERNAME",
  "USERNAME_TAKEN",
  "USER_DOESNT_EXIST",
  "BAD_PASSWORD",
  "WRONG_PASSWORD",
  "USER_REQUIRED",
  "INVALID_TOKEN",
  "INSUFFICIENT_SCOPE",
  "THREAD_LOCKED",
  "TOO_OLD",
  "NOT_AUTHOR",
  "MOD_REQUIRED",
  "NOT_FOUND",
  "FORBIDDEN",
  "BANNED",
  "RATELIMIT",
  "INVALID_OPTION",
  "DELETED",
  "REMOVED",
  "CONFLICT",
  "INTERNAL_ERROR",
  "SERVICE_UNAVAILABLE",
  "READ_ONLY_MODE",
  "SIGNUPS_DISABLED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && ERROR_CODE_SET.has(value);
}

export interface HivemindErrorOptions {
  field?: string | undefined;
  cause?: unknown;
}

/** Base of the family. Prefer a subclass; use this directly only for codes with odd statuses. */
export class HivemindError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly status: number;

  constructor(code: ErrorCode, message: string, status: number, options: HivemindErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HivemindError";
    this.code = code;
    this.field = options.field;
    this.status = status;
  }
}

export interface CodedErrorOptions extends HivemindErrorOptions {
  code?: ErrorCode;
}

/** 400: the input is malformed or breaks a rule. Default code BAD_REQUEST. */
export class ValidationError extends HivemindError {
  constructor(message: string, options: CodedErrorOptions = {}) {
    super(options.code ?? "BAD_REQUEST", message, 400, options);
    this.name = "ValidationError";
  }
}

/** 401: the caller must log in. Default code USER_REQUIRED. */
export class AuthRequiredError extends HivemindError {
  constructor(message = "please login to do that", options: CodedErrorOptions = {}) {
    super(options.code ?? "USER_REQUIRED", message, 401, options);
    this.name = "AuthRequiredError";
  }
}

/** 403: logged in but not allowed (banned, not a moderator, not the author…). Default FORBIDDEN. */
export class ForbiddenError extends HivemindError {
  constructor(message = "you are not allowed to do that", options: CodedErrorOptions = {}) {
    super(options.code ?? "FORBIDDEN", message, 403, options);
    this.name = "ForbiddenError";
  }
}

/**
 * 400: well-formed, but what it acts on refuses it (a locked thread, the caller's ban from the
 * community). reddit reports these as form errors (`json.errors`), which PRAW raises as a
 * RedditAPIException naming the code; a 400 with reason/explanation/fields reaches PRAW the same
 * way, where a 403 would reach it as a bare prawcore Forbidden.
 */
export class RefusedError extends HivemindError {
  constructor(message: string, options: CodedErrorOptions & { code: ErrorCode }) {
    super(options.code, message, 400, options);
    this.name = "RefusedError";
  }
}

/**
 * 403 for a bearer token whose scopes do not cover the route; the answer carries prawcore's
 * `WWW-Authenticate: Bearer realm="reddit", error="insufficient_scope"` (InsufficientScope).
 */
export class InsufficientScopeError extends ForbiddenError {
  readonly scope: string;
  constructor(scope: string) {
    super(`this token lacks the ${scope} scope`, { code: "INSUFFICIENT_SCOPE", field: "authorization" });
    this.name = "InsufficientScopeError";
    this.scope = scope;
  }
}

/** 404: the thing, community or user does not exist. Default NOT_FOUND. */
export class NotFoundError extends HivemindError {
  constructor(message = "not found", options: CodedErrorOptions = {}) {
    super(options.code ?? "NOT_FOUND", message, 404, options);
    this.name = "NotFoundError";
  }
}

/** 409: the request conflicts with current state (already exists, already stickied…). Default CONFLICT. */
export class ConflictError extends HivemindError {
  constructor(message = "conflict", options: CodedErrorOptions = {}) {
    super(options.code ?? "CONFLICT", message, 409, options);
    this.name = "ConflictError";
  }
}

/**
 * Human wait text PRAW can parse: `Reddit.post` retries a RATELIMIT error whose message matches
 * /([0-9]{1,3}) (milliseconds?|seconds?|minutes?)/.
 */
export function rateLimitWaitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} ${s === 1 ? "second" : "seconds"}`;
  const m = Math.ceil(s / 60);
  return `${m} ${m === 1 ? "minute" : "minutes"}`;
}

/**
 * RATELIMIT: slow down. Carries retryAfterSeconds (integer ≥ 1) for the Retry-After header.
 * Answered with HTTP 400, not 429: PRAW turns a 400 carrying `reason` into RedditAPIException and
 * retries a RATELIMIT whose wait it can parse (≤ 5 s), while prawcore raises a 429 as
 * TooManyRequests, which PRAW never reads (reddit itself sends RATELIMIT in a form answer).
 */
export class RateLimitError extends HivemindError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message?: string, options: HivemindErrorOptions = {}) {
    const wait = Number.isFinite(retryAfterSeconds) ? Math.max(1, Math.ceil(retryAfterSeconds)) : 1;
    super(
      "RATELIMIT",
      message ?? `you are doing that too much. try again in ${rateLimitWaitText(wait)}.`,
      400,
      options,
    );
    this.name = "RateLimitError";
    this.retryAfterSeconds = wait;
  }
}

export function isHivemindError(e: unknown): e is HivemindError {
  return e instanceof HivemindError;
}

/** Reddit's `api_type=json` error triple: [code, message, field]. */
export function redditErrorTuple(e: HivemindError): [ErrorCode, string, string | null] {
  return [e.code, e.message, e.field ?? null];
}

/** Field path as a dotted string ("title", "data.thing", "items.0.id"); undefined for the root. */
function pathToField(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((p) => (typeof p === "symbol" ? (p.description ?? "") : String(p))).join(".");
}

interface LooseIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: unknown;
  expected?: unknown;
  params?: Record<string, unknown>;
  errors?: readonly (readonly LooseIssue[])[];
}

function codeForIssue(issue: LooseIssue): ErrorCode {
  const declared = issue.params?.["code"];
  if (isErrorCode(declared)) return declared;
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string" ? "TOO_LONG" : issue.origin === "number" || issue.origin === "bigint" ? "BAD_NUMBER" : "BAD_REQUEST";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "NO_TEXT" : "TOO_SHORT";
      return issue.origin === "number" || issue.origin === "bigint" ? "BAD_NUMBER" : "BAD_REQUEST";
    case "invalid_value":
      return "INVALID_OPTION";
    case "invalid_type":
      // A missing text field is reddit's NO_TEXT; any other type mismatch is a bad request.
      return issue.expected === "string" && issue.message.endsWith("received undefined") ? "NO_TEXT" : "BAD_REQUEST";
    default:
      return "BAD_REQUEST";
  }
}

/**
 * Turn a zod error into a ValidationError naming the first failing field path (dotted).
 * A code declared by the schema (`params: { code }` on a refinement) wins; otherwise the zod
 * issue kind maps to the nearest reddit code (too_big on a string → TOO_LONG, empty string →
 * NO_TEXT, bad enum → INVALID_OPTION, …). `fieldPrefix`, when given, is prepended to the path
 * (or used alone when the issue is at the root).
 */
/** `value` parsed by `schema`, or the ValidationError naming `field` (fromZodError). */
export function parseField<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } }, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZodError(r.error, field);
  return r.data;
}

export function fromZodError(error: ZodError, fieldPrefix?: string): ValidationError {
  let issue = error.issues[0] as LooseIssue | undefined;
  let path: PropertyKey[] = issue ? [...issue.path] : [];
  // Unions report one nested list per branch; surface the first branch's first issue.
  while (issue?.code === "invalid_union" && issue.errors?.[0]?.[0]) {
    const inner: LooseIssue = issue.errors[0][0];
    path = [...path, ...inner.path];
    issue = inner;
  }
  const inner = pathToField(path);
  const field = fieldPrefix === undefined ? inner : inner === undefined ? fieldPrefix : `${fieldPrefix}.${inner}`;
  if (!issue) return new ValidationError("invalid input", { field, cause: error });
  return new ValidationError(issue.message, { code: codeForIssue(issue), field, cause: error });
}
