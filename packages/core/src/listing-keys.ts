/**
 * Listing keys: which precomputed listing a thing id list belongs to. One string names a listing
 * everywhere: the Cassandra partition key of `listings`, the Redis key `l:<listing>`, and (its
 * owner part) the Kafka key of listing-updates, so each owner has exactly one writer.
 *
 *   owner                         string form
 *   community (by id)             sr:<id36>
 *   user's submitted posts        u:<id36>:submitted
 *   user's comments               u:<id36>:comments
 *   domain                        d:<domain, URI-component encoded>
 *   everything (r/all)            all
 *
 *   listing key = <owner>:<sort>           for hot, new, rising
 *               = <owner>:<sort>:<t>       for top, controversial (t always present)
 *   e.g. sr:2bx:top:week, u:9z:comments:new, d:example.com:hot, all:rising
 */
import { ValidationError } from "./errors.js";
import { fromBase36, toBase36 } from "./fullname.js";
import {
  LINK_SORTS,
  TIME_FILTERS,
  sortUsesTimeFilter,
  type LinkSort,
  type TimeFilter,
} from "./ranking.js";

export type UserListingWhat = "submitted" | "comments";

export type ListingOwner =
  | { type: "community"; id: bigint }
  | { type: "user"; id: bigint; what: UserListingWhat }
  | { type: "domain"; domain: string }
  | { type: "all" };

export interface ListingKey {
  owner: ListingOwner;
  sort: LinkSort;
  /** Meaningful for top and controversial; always "all" for the other sorts. */
  t: TimeFilter;
}

function bad(what: string, s: string, field: string): ValidationError {
  return new ValidationError(`${field}: ${JSON.stringify(s)} is not a valid ${what}`, { code: "BAD_REQUEST", field });
}

function checkDomain(domain: string): void {
  if (domain.length === 0 || domain.length > 253 || domain !== domain.toLowerCase()) {
    throw new RangeError(`domain must be a nonempty lowercase host, got ${JSON.stringify(domain)}`);
  }
}

/** The owner part of a listing key (also the Kafka key of listing-updates). */
export function listingOwnerKey(owner: ListingOwner): string {
  switch (owner.type) {
    case "community":
      return `sr:${toBase36(owner.id)}`;
    case "user":
      return `u:${toBase36(owner.id)}:${owner.what}`;
    case "domain":
      checkDomain(owner.domain);
      return `d:${encodeURIComponent(owner.domain)}`;
    case "all":
      return "all";
  }
}

/** Parse an owner key; throws ValidationError naming `field`. */
export function parseListingOwnerKey(s: string, field = "owner"): ListingOwner {
  const owner = tryParseOwner(typeof s === "string" ? s.split(":") : [], s, field);
  if (!owner) throw bad("listing owner", s, field);
  return owner;
}

function tryParseOwner(parts: readonly string[], s: string, field: string): ListingOwner | undefined {
  const [head, a, b] = parts;
  if (head === "all" && parts.length === 1) return { type: "all" };
  if (head === "sr" && parts.length === 2 && a !== undefined) return { type: "community", id: fromBase36(a, field) };
  if (head === "u" && parts.length === 3 && a !== undefined && (b === "submitted" || b === "comments")) {
    return { type: "user", id: fromBase36(a, field), what: b };
  }
  if (head === "d" && parts.length === 2 && a !== undefined && a.length > 0) {
    let domain: string;
    try {
      domain = decodeURIComponent(a);
    } catch {
      throw bad("listing owner", s, field);
    }
    if (domain.length === 0 || domain !== domain.toLowerCase() || encodeURIComponent(domain) !== a) {
      throw bad("listing owner", s, field);
    }
    return { type: "domain", domain };
  }
  return undefined;
}

/**
 * The string form of a listing: `listingKey({ type: "community", id }, "top", "week")` →
 * `sr:<id36>:top:week`. `t` defaults to "all" and is ignored for hot, new and rising.
 */
export function listingKey(owner: ListingOwner, sort: LinkSort, t: TimeFilter = "all"): string {
  const base = `${listingOwnerKey(owner)}:${sort}`;
  return sortUsesTimeFilter(sort) ? `${base}:${t}` : base;
}

/** listingKey for a ListingKey object. */
export function formatListingKey(key: ListingKey): string {
  return listingKey(key.owner, key.sort, key.t);
}

/** Parse a listing key string; throws ValidationError (naming `field`, default "listing"). */
export function parseListingKey(s: string, field = "listing"): ListingKey {
  if (typeof s !== "string") throw bad("listing key", String(s), field);
  const parts = s.split(":");
  // Sort and t are known tokens at the end; the owner is whatever precedes them.
  const last = parts[parts.length - 1];
  let sort: LinkSort;
  let t: TimeFilter = "all";
  let ownerParts: string[];
  if ((TIME_FILTERS as readonly string[]).includes(last ?? "") && parts.length >= 3) {
    const maybeSort = parts[parts.length - 2] ?? "";
    if (maybeSort !== "top" && maybeSort !== "controversial") throw bad("listing key", s, field);
    sort = maybeSort;
    t = last as TimeFilter;
    ownerParts = parts.slice(0, -2);
  } else if ((LINK_SORTS as readonly string[]).includes(last ?? "") && parts.length >= 2) {
    sort = last as LinkSort;
    if (sortUsesTimeFilter(sort)) throw bad("listing key", s, field); // top/controversial need t
    ownerParts = parts.slice(0, -1);
  } else {
    throw bad("listing key", s, field);
  }
  const owner = tryParseOwner(ownerParts, s, field);
  if (!owner) throw bad("listing key", s, field);
  return { owner, sort, t };
}

/** Redis key of a listing's sorted set: `l:<listing key>`. */
export function listingCacheKey(key: ListingKey | string): string {
  return `l:${typeof key === "string" ? key : formatListingKey(key)}`;
}

/** Every listing key an owner has: hot, new, rising, and top/controversial × each time filter. */
export function listingKeysForOwner(owner: ListingOwner): ListingKey[] {
  const keys: ListingKey[] = [];
  for (const sort of LINK_SORTS) {
    if (sortUsesTimeFilter(sort)) {
      for (const t of TIME_FILTERS) keys.push({ owner, sort, t });
    } else {
      keys.push({ owner, sort, t: "all" });
    }
  }
  return keys;
}

export function communityOwner(id: bigint): ListingOwner {
  return { type: "community", id };
}

export function userOwner(id: bigint, what: UserListingWhat): ListingOwner {
  return { type: "user", id, what };
}

/** A domain as its listing is named, matched as reddit does: lowercase, without a leading "www.". */
export function domainKey(domain: string): string {
  const d = domain.trim().toLowerCase();
  return d.startsWith("www.") ? d.slice(4) : d;
}

export function domainOwner(domain: string): ListingOwner {
  return { type: "domain", domain };
}

export const ALL_OWNER: ListingOwner = Object.freeze({ type: "all" });
