import { describe, expect, it } from "vitest";
import {
  ALL_OWNER,
  LINK_SORTS,
  TIME_FILTERS,
  ValidationError,
  communityOwner,
  domainOwner,
  formatListingKey,
  listingCacheKey,
  listingKey,
  listingKeysForOwner,
  listingOwnerKey,
  parseListingKey,
  parseListingOwnerKey,
  userOwner,
  type ListingOwner,
} from "../src/index.js";

const owners: ListingOwner[] = [
  communityOwner(69397560n),
  userOwner(36n, "submitted"),
  userOwner(36n, "comments"),
  domainOwner("example.com"),
  domainOwner("[::1]"),
  domainOwner("xn--bcher-kva.example"),
  ALL_OWNER,
];

describe("listing keys", () => {
  it("formats owners", () => {
    expect(listingOwnerKey(communityOwner(69397560n))).toBe("sr:15bfi0");
    expect(listingOwnerKey(userOwner(36n, "submitted"))).toBe("u:10:submitted");
    expect(listingOwnerKey(userOwner(36n, "comments"))).toBe("u:10:comments");
    expect(listingOwnerKey(domainOwner("example.com"))).toBe("d:example.com");
    expect(listingOwnerKey(domainOwner("[::1]"))).toBe("d:%5B%3A%3A1%5D");
    expect(listingOwnerKey(ALL_OWNER)).toBe("all");
  });

  it("formats listings with a time filter only for top and controversial", () => {
    expect(listingKey(communityOwner(69397560n), "top", "week")).toBe("sr:15bfi0:top:week");
    expect(listingKey(communityOwner(69397560n), "top")).toBe("sr:15bfi0:top:all");
    expect(listingKey(communityOwner(69397560n), "hot", "week")).toBe("sr:15bfi0:hot");
    expect(listingKey(ALL_OWNER, "rising")).toBe("all:rising");
    expect(listingKey(userOwner(36n, "comments"), "controversial", "day")).toBe("u:10:comments:controversial:day");
    expect(listingCacheKey("all:hot")).toBe("l:all:hot");
    expect(listingCacheKey({ owner: ALL_OWNER, sort: "new", t: "all" })).toBe("l:all:new");
  });

  it("round-trips every owner × sort × time filter", () => {
    let n = 0;
    for (const owner of owners) {
      const keys = listingKeysForOwner(owner);
      expect(keys).toHaveLength(3 + 2 * TIME_FILTERS.length); // hot, new, rising + 2 × 6
      for (const key of keys) {
        const s = formatListingKey(key);
        expect(parseListingKey(s)).toEqual(key);
        n++;
      }
      expect(parseListingOwnerKey(listingOwnerKey(owner))).toEqual(owner);
    }
    expect(n).toBe(owners.length * 15);
    expect(LINK_SORTS).toHaveLength(5);
  });

  it("keys are distinct across owners", () => {
    const all = owners.flatMap((o) => listingKeysForOwner(o).map(formatListingKey));
    expect(new Set(all).size).toBe(all.length);
  });

  it("refuses malformed keys with a ValidationError naming the field", () => {
    for (const bad of [
      "",
      "all",
      "hot",
      "sr:15bfi0",
      "sr:15bfi0:best",
      "sr:15bfi0:top",
      "sr:15bfi0:hot:week",
      "sr:15BFI0:hot",
      "sr::hot",
      "u:10:hot",
      "u:10:saved:hot",
      "d::hot",
      "d:Example.com:hot",
      "d:%zz:hot",
      "x:1:hot",
      "all:top:decade",
      "sr:1:2:hot",
    ]) {
      let err: unknown;
      try {
        parseListingKey(bad, "listing");
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).field).toBe("listing");
    }
    expect(() => parseListingOwnerKey("sr:1:hot")).toThrow(ValidationError);
  });

  it("refuses an uppercase or empty domain when formatting", () => {
    expect(() => listingOwnerKey(domainOwner("Example.com"))).toThrow(RangeError);
    expect(() => listingOwnerKey(domainOwner(""))).toThrow(RangeError);
  });
});
