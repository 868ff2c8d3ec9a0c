/**
 * Redis key names. Listings are `l:<listing key>` (packages/core owns listing key strings and
 * listingCacheKey); a hydrated thing is `t:<fullname>`.
 */
export { listingCacheKey } from "@hivemind/core";

/** Redis key of a hydrated thing: `t:t3_abc`. */
export function thingCacheKey(fullname: string): string {
  return `t:${fullname}`;
}
