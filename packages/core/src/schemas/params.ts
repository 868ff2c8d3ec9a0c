/** Request parameters as reddit clients send them (form or query strings). */
import { z } from "zod";
import { fullnameSchema, type ThingKind } from "../fullname.js";
import { PAGE_DEFAULT, PAGE_MAX, timeFilterSchema } from "../ranking.js";

/**
 * reddit's VBoolean: false for "" , "off", and anything starting with "f" or "n" (any case);
 * true otherwise, so "True", "true", "1", "on", "yes" are true. Deviation: "0" is false here
 * (reddit would say true). Booleans pass through; numbers are true unless 0.
 */
export function parseBooleanParam(value: string | number | boolean): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  const lv = value.trim().toLowerCase();
  if (lv === "" || lv === "off" || lv === "0") return false;
  const first = lv[0];
  return first !== "f" && first !== "n";
}

/** A boolean parameter (see parseBooleanParam). Add `.optional()` or `.default(x)` as needed. */
export const booleanParamSchema = z.union([z.boolean(), z.string(), z.number()]).transform(parseBooleanParam);

/**
 * `limit` for a listing page: like reddit, lenient. Missing, empty, 0 or non-numeric → 25;
 * otherwise the integer part clamped to 1..100 (PRAW sends 1024 for "no limit").
 */
export const limitParamSchema = z
  .union([z.number(), z.string()])
  .optional()
  .transform((v): number => {
    const n = typeof v === "number" ? v : v === undefined ? NaN : Number.parseInt(v.trim(), 10);
    if (!Number.isFinite(n) || Math.trunc(n) === 0) return PAGE_DEFAULT;
    return Math.min(PAGE_MAX, Math.max(1, Math.trunc(n)));
  });

/** `count` (items already seen): non-negative integer, lenient like limit (bad → 0). */
export const countParamSchema = z
  .union([z.number(), z.string()])
  .optional()
  .transform((v): number => {
    const n = typeof v === "number" ? v : v === undefined ? NaN : Number.parseInt(v.trim(), 10);
    return Number.isFinite(n) && n > 0 ? Math.trunc(n) : 0;
  });

/** An `after`/`before` cursor naming a thing of one of `kinds`; "" counts as absent. */
export function cursorSchema(kinds: readonly ThingKind[]) {
  return (
    z
      .string()
      // Empty is no cursor (PRAW sends after=""); anything else must be a fullname, and says so.
      .transform((s) => (s === "" ? undefined : s))
      .pipe(fullnameSchema(kinds).optional())
      .optional()
  );
}

/** An `after`/`before` cursor: a fullname of a listed thing; "" counts as absent. */
export const cursorParamSchema = cursorSchema(["t1", "t3", "t5", "t2"]);

/** Common listing query parameters. `t` only matters for top and controversial. */
export const listingParamsSchema = z.object({
  limit: limitParamSchema,
  after: cursorParamSchema,
  before: cursorParamSchema,
  count: countParamSchema,
  t: timeFilterSchema.default("all"),
});
export type ListingParams = z.output<typeof listingParamsSchema>;
