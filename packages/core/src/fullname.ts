/**
 * Reddit fullnames: `<kind>_<base36 id>`, e.g. `t3_15bfi0`.
 *
 * Canonical form only: base36 digits are lowercase `[0-9a-z]`, no sign, no leading zeros (except
 * the id 0 itself, "0"), at most 2^63 − 1. Uppercase is refused rather than folded, so one id has
 * exactly one spelling and strings can be used as cache/partition keys as they come.
 */
import { z } from "zod";
import { ValidationError } from "./errors.js";
import { MAX_ID } from "./ids.js";

export const THING_KINDS = ["t1", "t2", "t3", "t4", "t5"] as const;
export type ThingKind = (typeof THING_KINDS)[number];

/** Kind prefixes by domain name: t1 comment, t2 account, t3 link (post), t4 message, t5 community. */
export const KIND = {
  comment: "t1",
  account: "t2",
  link: "t3",
  message: "t4",
  community: "t5",
} as const satisfies Record<string, ThingKind>;

export type FullnameString<K extends ThingKind = ThingKind> = `${K}_${string}`;

export interface Fullname<K extends ThingKind = ThingKind> {
  kind: K;
  id: bigint;
}

const ID36_RE = /^(?:0|[1-9a-z][0-9a-z]{0,12})$/;
const MAX_ID36 = MAX_ID.toString(36); // "1y2p0ij32e8e7", 13 digits

/** Lowercase base36 of a non-negative id ≤ 2^63 − 1. Throws RangeError otherwise. */
export function toBase36(id: bigint): string {
  if (id < 0n || id > MAX_ID) throw new RangeError(`id ${id} is outside 0..2^63-1`);
  return id.toString(36);
}

function describe(s: unknown): string {
  const text = typeof s === "string" ? s : String(s);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * Parse a canonical base36 id. Throws ValidationError (code INVALID_ID, naming `field`) for an
 * empty string, characters outside [0-9a-z] (uppercase included), leading zeros, or a value past
 * 2^63 − 1.
 */
export function fromBase36(s: string, field = "id"): bigint {
  if (typeof s !== "string" || !ID36_RE.test(s)) {
    throw new ValidationError(`${field}: ${describe(s)} is not a base36 id`, { code: "INVALID_ID", field });
  }
  if (s.length === MAX_ID36.length && s > MAX_ID36) {
    throw new ValidationError(`${field}: ${describe(s)} is too large for an id`, { code: "INVALID_ID", field });
  }
  let n = 0n;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n = n * 36n + BigInt(c <= 57 ? c - 48 : c - 87);
  }
  return n;
}

/** True when `s` is a canonical base36 id (see fromBase36). */
export function isId36(s: unknown): s is string {
  return typeof s === "string" && ID36_RE.test(s) && !(s.length === MAX_ID36.length && s > MAX_ID36);
}

export function isThingKind(s: unknown): s is ThingKind {
  return typeof s === "string" && (THING_KINDS as readonly string[]).includes(s);
}

/** `formatFullname("t3", 1337n)` → `"t3_115"`. */
export function formatFullname<K extends ThingKind>(kind: K, id: bigint): FullnameString<K> {
  if (!isThingKind(kind)) throw new RangeError(`unknown thing kind ${describe(kind)}`);
  return `${kind}_${toBase36(id)}`;
}

/**
 * Parse `t3_15bfi0` into `{ kind: "t3", id: 2583360n }`. With `expectedKinds`, any other kind is
 * refused. Throws ValidationError (code INVALID_ID, naming `field`, default "id") for a missing
 * or unknown prefix, a kind not expected, or a bad base36 part.
 */
export function parseFullname<K extends ThingKind = ThingKind>(
  s: string,
  expectedKinds?: readonly K[],
  field = "id",
): Fullname<K> {
  if (typeof s !== "string" || s.length < 4 || s[2] !== "_") {
    throw new ValidationError(`${field}: ${describe(s)} is not a fullname`, { code: "INVALID_ID", field });
  }
  const kind = s.slice(0, 2);
  if (!isThingKind(kind)) {
    throw new ValidationError(`${field}: ${describe(s)} has an unknown kind`, { code: "INVALID_ID", field });
  }
  if (expectedKinds && !(expectedKinds as readonly string[]).includes(kind)) {
    throw new ValidationError(`${field}: expected a fullname of kind ${expectedKinds.join("|")}, got ${describe(s)}`, {
      code: "INVALID_ID",
      field,
    });
  }
  const id = fromBase36(s.slice(3), field);
  return { kind: kind as K, id };
}

/** Non-throwing check; narrows to the template type. */
export function isFullname<K extends ThingKind = ThingKind>(s: unknown, expectedKinds?: readonly K[]): s is FullnameString<K> {
  if (typeof s !== "string" || s.length < 4 || s[2] !== "_") return false;
  const kind = s.slice(0, 2);
  if (!isThingKind(kind)) return false;
  if (expectedKinds && !(expectedKinds as readonly string[]).includes(kind)) return false;
  return isId36(s.slice(3));
}

/** A base36 id string (kept as a string; e.g. user and community ids in events). */
export const id36Schema = z
  .string()
  .refine(isId36, { message: "not a base36 id", params: { code: "INVALID_ID" } });

/** A base36 id string parsed to bigint. */
export const parsedId36Schema = id36Schema.transform((s) => fromBase36(s));

/**
 * A fullname string of one of `kinds` (all kinds when omitted), kept as a string. Use in Kafka
 * messages and JSON bodies, where bigint cannot travel.
 */
export function fullnameSchema<K extends ThingKind>(kinds?: readonly K[]) {
  const message = kinds ? `not a fullname of kind ${kinds.join("|")}` : "not a fullname";
  // Input is any string (producers need not cast); output carries the template type.
  return z
    .string()
    .refine((s) => isFullname(s, kinds), { message, params: { code: "INVALID_ID" } })
    .transform((s) => s as FullnameString<K>);
}

/** A fullname string of one of `kinds`, parsed to `{ kind, id }`. */
export function parsedFullnameSchema<K extends ThingKind>(kinds?: readonly K[]) {
  return fullnameSchema(kinds).transform((s): Fullname<K> => parseFullname(s, kinds));
}
