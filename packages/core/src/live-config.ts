/**
 * The live-config document: one JSON object in ZooKeeper that every process watches and
 * applies without a restart (packages/coord pushes it). It is validated with this schema
 * before it is written and again when it is read; every field has a default, so `{}` is a
 * complete document and a document written before a field existed still parses.
 *
 * Objects are strict: an unknown key (a typo such as `readOnly.enabeld`) is refused, naming it.
 */
import { z } from "zod";
import { HivemindError, ValidationError, fromZodError } from "./errors.js";

/** At most `count` actions per `windowSeconds`; null means unlimited. */
const limitSchema = z
  .strictObject({
    count: z.number().int().min(0),
    windowSeconds: z.number().int().min(1).max(7 * 24 * 3600),
  })
  .nullable();

export type Limit = z.output<typeof limitSchema>;

function actionLimits(perAccount: Limit, perAddress: Limit) {
  return z
    .strictObject({
      perAccount: limitSchema.default(perAccount),
      perAddress: limitSchema.default(perAddress),
    })
    .prefault({});
}

const HOUR = 3600;

export const RATE_LIMITED_ACTIONS = ["register", "createCommunity", "submit", "comment", "message", "vote", "report", "login"] as const;
export type RateLimitedAction = (typeof RATE_LIMITED_ACTIONS)[number];

const postFullname = z.string().regex(/^t3_[0-9a-z]{1,13}$/, "a post fullname (t3_…)");

export const liveConfigSchema = z.strictObject({
  rateLimits: z
    .strictObject({
      // register has no account yet: only the address counts.
      register: actionLimits(null, { count: 5, windowSeconds: HOUR }),
      createCommunity: actionLimits({ count: 5, windowSeconds: 24 * HOUR }, { count: 10, windowSeconds: 24 * HOUR }),
      submit: actionLimits({ count: 30, windowSeconds: HOUR }, { count: 100, windowSeconds: HOUR }),
      comment: actionLimits({ count: 120, windowSeconds: HOUR }, { count: 400, windowSeconds: HOUR }),
      // Private messages reach strangers' inboxes, spam's favourite road: tighter than comments.
      message: actionLimits({ count: 30, windowSeconds: HOUR }, { count: 100, windowSeconds: HOUR }),
      vote: actionLimits({ count: 1000, windowSeconds: HOUR }, { count: 5000, windowSeconds: HOUR }),
      report: actionLimits({ count: 50, windowSeconds: HOUR }, { count: 200, windowSeconds: HOUR }),
      // login: failed password checks (per account name, per client address).
      login: actionLimits({ count: 5, windowSeconds: 15 * 60 }, { count: 50, windowSeconds: 15 * 60 }),
    })
    .prefault({}),
  readOnly: z
    .strictObject({
      enabled: z.boolean().default(false),
      message: z.string().trim().min(1).max(500).default("hivemind is in read-only mode for maintenance; try again soon."),
    })
    .prefault({}),
  signupsEnabled: z.boolean().default(true),
  scheduler: z
    .strictObject({
      intervalSeconds: z.number().int().min(10).max(24 * HOUR).default(300),
    })
    .prefault({}),
  listings: z
    .strictObject({
      /** Items kept per precomputed listing. */
      maxItems: z.number().int().min(100).max(5000).default(1000),
      /** Logged-in front page: items taken from each subscription, and in all. */
      frontPagePerCommunity: z.number().int().min(1).max(1000).default(150),
      frontPageMax: z.number().int().min(25).max(5000).default(1000),
    })
    .prefault({}),
  cache: z
    .strictObject({
      frontPageTtlSeconds: z.number().int().min(0).max(HOUR).default(60),
      thingTtlSeconds: z.number().int().min(0).max(7 * 24 * HOUR).default(HOUR),
    })
    .prefault({}),
  /** Hot posts whose comment orders are recomputed first. */
  fastlane: z.array(postFullname).max(200).default([]),
  ejection: z
    .strictObject({
      /** Consecutive failed (or timed-out) health checks that eject a cache node. */
      failures: z.number().int().min(1).max(100).default(3),
      checkIntervalMs: z.number().int().min(50).max(60_000).default(250),
      /** A PING not answered within this is a failure. */
      timeoutMs: z.number().int().min(10).max(10_000).default(200),
      /** An ejected node must answer every check for this long before it is flushed and re-admitted. */
      healthyPeriodMs: z.number().int().min(0).max(HOUR * 1000).default(10_000),
    })
    .prefault({}),
});

/** The document as stored (every field filled in). */
export type LiveConfigDoc = z.output<typeof liveConfigSchema>;
/** What a writer may give: any subset; missing fields take their defaults. */
export type LiveConfigInput = z.input<typeof liveConfigSchema>;

/** The document with every field at its default. */
export function defaultLiveConfig(): LiveConfigDoc {
  return liveConfigSchema.parse({});
}

/**
 * Validate a candidate document. Throws a ValidationError whose `field` is the dotted path of
 * the first bad field (for an unknown key, the key itself) and whose message names it.
 */
export function parseLiveConfig(input: unknown): LiveConfigDoc {
  const result = liveConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === "unrecognized_keys") {
    const field = [...issue.path.map(String), issue.keys[0] ?? "?"].join(".");
    return refuse(field, "unknown field", result.error);
  }
  const err = fromZodError(result.error);
  return refuse(err.field, err.message, result.error);
}

function refuse(field: string | undefined, message: string, cause: unknown): never {
  throw new ValidationError(`live config: ${field ?? "(document)"}: ${message}`, { field, cause });
}

/** The value at a dotted path ("readOnly.enabled"), or undefined when the path does not exist. */
export function liveConfigValueAt(doc: unknown, key: string): unknown {
  let cur: unknown = doc;
  for (const part of key.split(".")) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * A copy of `doc` with the value at a dotted path replaced. Intermediate objects are created
 * when missing (the schema then decides whether the key exists). Arrays are replaced whole.
 */
export function withLiveConfigValue(doc: LiveConfigDoc | Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const parts = key.split(".");
  if (parts.some((p) => p === "" || p === "__proto__" || p === "constructor" || p === "prototype")) {
    throw new ValidationError(`live config: ${key}: not a field path`, { field: key });
  }
  const out = structuredClone(doc) as Record<string, unknown>;
  let cur = out;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== "object" || Array.isArray(next)) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
  return out;
}

/**
 * A `KEY=VALUE` argument: the value is JSON when it parses as JSON (true, 30, null, ["t3_a"],
 * "quoted") and a plain string otherwise (`readOnly.message=back at noon`).
 */
export function parseLiveConfigAssignment(arg: string): { key: string; value: unknown } {
  const eq = arg.indexOf("=");
  if (eq <= 0) throw new ValidationError(`expected KEY=VALUE, got "${arg}"`, { field: arg });
  const key = arg.slice(0, eq).trim();
  const raw = arg.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { key, value };
}

export interface LiveConfigChange {
  key: string;
  /** undefined when the key is absent on that side. */
  from: unknown;
  to: unknown;
}

/** Leaf-by-leaf differences between two documents (arrays compare whole), sorted by key. */
export function diffLiveConfig(a: unknown, b: unknown): LiveConfigChange[] {
  const out: LiveConfigChange[] = [];
  const walk = (x: unknown, y: unknown, prefix: string) => {
    if (isPlainObject(x) && isPlainObject(y)) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk(x[k], y[k], prefix ? `${prefix}.${k}` : k);
      return;
    }
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ key: prefix, from: x, to: y });
  };
  walk(a, b, "");
  return out.sort((p, q) => (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * 503 READ_ONLY_MODE: the live config's `readOnly.enabled` is on; the message is the configured
 * `readOnly.message`. Every write is refused with it (reddit's read-only mode); reads go on.
 */
export class ReadOnlyModeError extends HivemindError {
  constructor(message: string) {
    super("READ_ONLY_MODE", message, 503);
    this.name = "ReadOnlyModeError";
  }
}

/** 403 SIGNUPS_DISABLED: the live config's `signupsEnabled` is off. */
export class SignupsDisabledError extends HivemindError {
  constructor(message = "new sign-ups are closed for now; existing accounts can still log in") {
    super("SIGNUPS_DISABLED", message, 403);
    this.name = "SignupsDisabledError";
  }
}
