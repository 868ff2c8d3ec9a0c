import { describe, expect, it } from "vitest";
import {
  ALL_OWNER,
  LISTING_MAX,
  applyListingChanges,
  changesForOwner,
  coalesceTriggers,
  commentOrders,
  communityOwner,
  composeId,
  domainOwner,
  formatFullname,
  formatListingKey,
  hot,
  isMaintainedListing,
  listedDomainOf,
  listingOwnerKeysOf,
  listingPlacements,
  listingSortValue,
  maintainedListingKeys,
  pruneAgedOut,
  rankEntries,
  rising,
  scheduledListingKeys,
  userOwner,
  ID_EPOCH_MS,
  type ListedThing,
  type ListingEntry,
} from "../src/index.js";

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 1);
const idAt = (ms: number, seq = 0) => composeId({ timestamp: ms, workerId: 1, sequence: seq });
const post = (over: Partial<ListedThing> & { ms?: number; seq?: number } = {}): ListedThing => {
  const ms = over.ms ?? NOW - HOUR / 2;
  const fullname = formatFullname("t3", idAt(ms, over.seq ?? 0));
  return { fullname, kind: "t3", communityId: 7n, authorId: 9n, domain: "example.com", ups: 1, downs: 0, createdMs: ms, listable: true, ...over };
};
const entry = (i: number, sort: number): ListingEntry => ({ fullname: formatFullname("t3", idAt(ID_EPOCH_MS + 1000 * i)), sort, ts: ID_EPOCH_MS + 1000 * i });

describe("membership", () => {
  it("a post is in its community's and all's hot, new, rising, top × 6 and controversial × 6, its author's and domain's hot, new, top", () => {
    expect(maintainedListingKeys(communityOwner(7n)).map(formatListingKey)).toHaveLength(15);
    expect(maintainedListingKeys(ALL_OWNER).map(formatListingKey)).toContain("all:top:hour");
    expect(maintainedListingKeys(userOwner(9n, "submitted")).map(formatListingKey)).toEqual(["u:9:submitted:hot", "u:9:submitted:new", "u:9:submitted:top:all"]);
    expect(listingOwnerKeysOf(post())).toEqual(["sr:7", "all", "u:9:submitted", "d:example.com"]);
    expect(listingOwnerKeysOf(post({ domain: null }))).toEqual(["sr:7", "all", "u:9:submitted"]);
    expect(listingOwnerKeysOf({ kind: "t1", communityId: 7n, authorId: 9n, domain: null })).toEqual(["u:9:comments"]);
    expect(listingPlacements(post(), NOW).size).toBe(15 + 15 + 3 + 3);
  });

  it("only a link is in a domain listing: a self post's domain names its community, in its case", () => {
    expect(listedDomainOf({ kind: "link", domain: "example.com" })).toBe("example.com");
    expect(listedDomainOf({ kind: "self", domain: "self.AskHivemind" })).toBeNull();
    expect(listedDomainOf({ kind: "link", domain: "" })).toBeNull();
  });

  it("maintained and scheduled keys", () => {
    expect(isMaintainedListing({ owner: userOwner(9n, "submitted"), sort: "top", t: "week" })).toBe(false);
    expect(isMaintainedListing({ owner: communityOwner(7n), sort: "controversial", t: "week" })).toBe(true);
    expect(scheduledListingKeys(ALL_OWNER).map(formatListingKey).sort()).toEqual(
      ["all:rising", ...["hour", "day", "week", "month", "year"].flatMap((t) => [`all:top:${t}`, `all:controversial:${t}`])].sort(),
    );
  });

  it("a removed, deleted or banned-author thing is in no listing", () => {
    for (const v of listingPlacements(post({ listable: false }), NOW).values()) expect(v).toBeNull();
  });
});

describe("sort values and time windows", () => {
  it("hot, new, top, controversial use core's formulas", () => {
    const p = post({ ups: 10, downs: 4 });
    expect(listingSortValue({ sort: "hot", t: "all" }, p, NOW)).toBe(hot(10, 4, p.createdMs));
    expect(listingSortValue({ sort: "new", t: "all" }, p, NOW)).toBe(p.createdMs);
    expect(listingSortValue({ sort: "top", t: "all" }, p, NOW)).toBe(6);
    expect(listingSortValue({ sort: "controversial", t: "all" }, p, NOW)).toBeCloseTo(14 ** 0.4, 12);
  });

  it("top:hour holds a post for exactly an hour; top:day for a day; all forever", () => {
    const p = post({ ms: NOW - HOUR, ups: 3 });
    expect(listingSortValue({ sort: "top", t: "hour" }, p, NOW)).toBe(3);
    expect(listingSortValue({ sort: "top", t: "hour" }, p, NOW + 1)).toBeNull();
    expect(listingSortValue({ sort: "controversial", t: "day" }, p, NOW + 23 * HOUR)).toBe(0);
    expect(listingSortValue({ sort: "top", t: "all" }, p, NOW + 1000 * 24 * HOUR)).toBe(3);
  });

  it("rising is score per hour of age (floored at 1 h) for posts under 12 h with ≥ 2 ups", () => {
    expect(listingSortValue({ sort: "rising", t: "all" }, post({ ms: NOW - 10 * 60_000, ups: 5, downs: 1 }), NOW)).toBe(4);
    expect(listingSortValue({ sort: "rising", t: "all" }, post({ ms: NOW - 4 * HOUR, ups: 9, downs: 1 }), NOW)).toBe(2);
    expect(listingSortValue({ sort: "rising", t: "all" }, post({ ms: NOW - 13 * HOUR, ups: 90 }), NOW)).toBeNull();
    expect(listingSortValue({ sort: "rising", t: "all" }, post({ ups: 1 }), NOW)).toBeNull();
    expect(rising(3, 3, NOW, NOW)).toBeNull();
    // A faster riser outranks a bigger but older post.
    const fast = rising(20, 0, NOW - HOUR, NOW) ?? 0;
    const slow = rising(60, 0, NOW - 6 * HOUR, NOW) ?? 0;
    expect(fast).toBeGreaterThan(slow);
  });

  it("pruneAgedOut drops what left a window", () => {
    const old = { ...entry(1, 5), ts: NOW - 2 * HOUR };
    const young = { ...entry(2, 3), ts: NOW - 10 * 60_000 };
    expect(pruneAgedOut({ sort: "top", t: "hour" }, [old, young], NOW)).toEqual([young]);
    expect(pruneAgedOut({ sort: "top", t: "all" }, [old, young], NOW)).toEqual([old, young]);
    expect(pruneAgedOut({ sort: "rising", t: "all" }, [{ ...old, ts: NOW - 13 * HOUR }, young], NOW)).toEqual([young]);
  });
});

describe("order, cap and pruning", () => {
  it("orders by value descending, ties newer id first", () => {
    const [a, b, c] = [entry(1, 5), entry(2, 5), entry(3, 9)];
    expect(rankEntries([a, b, c] as ListingEntry[]).map((e) => e.fullname)).toEqual([c, b, a].map((e) => e?.fullname));
  });

  it("caps at 1000 and prunes the lowest, reporting them removed", () => {
    const current = Array.from({ length: LISTING_MAX }, (_, i) => entry(i, i));
    const newcomer = entry(5000, 10_000);
    const r = applyListingChanges(current, new Map([[newcomer.fullname, newcomer]]));
    expect(r.items).toHaveLength(LISTING_MAX);
    expect(r.items[0]).toEqual(newcomer);
    expect(r.removed).toEqual([current[0]?.fullname]);
    expect(r.upserted).toEqual([newcomer]);
  });

  it("an entry that would rank past the cap is pruned at once", () => {
    const current = Array.from({ length: LISTING_MAX }, (_, i) => entry(i + 1, i + 1));
    const low = entry(9000, -5);
    const r = applyListingChanges(current, new Map([[low.fullname, low]]));
    expect(r.items).toHaveLength(LISTING_MAX);
    expect(r.upserted).toEqual([]);
    expect(r.removed).toEqual([]);
  });

  it("a changed value is an overwrite; an unchanged one writes nothing; null takes it out", () => {
    const [a, b] = [entry(1, 1), entry(2, 2)] as [ListingEntry, ListingEntry];
    const r = applyListingChanges([b, a], new Map<string, ListingEntry | null>([[a.fullname, { ...a, sort: 3 }], [b.fullname, b]]));
    expect(r.items.map((e) => e.fullname)).toEqual([a.fullname, b.fullname]);
    expect(r.upserted).toEqual([{ ...a, sort: 3 }]);
    expect(applyListingChanges([b, a], new Map([[a.fullname, null]])).removed).toEqual([a.fullname]);
  });
});

describe("coalescing", () => {
  it("many votes on one thing become one recomputation per owner", () => {
    const triggers = [
      ...Array.from({ length: 50 }, () => ({ owner: "sr:7", thing: "t3_a" })),
      { owner: "all", thing: "t3_a" },
      { owner: "sr:7", thing: "t3_b" },
    ];
    expect(coalesceTriggers(triggers)).toEqual(new Map([["sr:7", ["t3_a", "t3_b"]], ["all", ["t3_a"]]]));
  });

  it("changesForOwner gives one change per listing, and takes out a thing with no row", () => {
    const p = post({ ups: 4 });
    const gone = formatFullname("t3", idAt(NOW - 1000, 3));
    const changes = changesForOwner(communityOwner(7n), [p.fullname, gone], new Map([[p.fullname, p]]), NOW);
    expect(changes.size).toBe(15);
    expect(changes.get("sr:7:top:all")?.get(p.fullname)?.sort).toBe(4);
    expect(changes.get("sr:7:hot")?.get(gone)).toBeNull();
    expect(domainOwner("example.com")).toEqual({ type: "domain", domain: "example.com" });
  });
});

describe("comment orders", () => {
  it("every comment in every sort; old is oldest first; qa credits the OP's best reply", () => {
    const op = 1n;
    const c = (i: number, over: object = {}) => ({ fullname: formatFullname("t1", idAt(NOW - 1000 * (10 - i))), parent: null, depth: 0, authorId: 2n, ups: 1, downs: 0, createdMs: NOW - 1000 * (10 - i), length: 10, ...over });
    const q1 = c(1, { ups: 5 });
    const q2 = c(2, { ups: 5 });
    const answer = c(3, { parent: q1.fullname, depth: 1, authorId: op, ups: 20 });
    const orders = commentOrders([q1, q2, answer], op);
    for (const list of Object.values(orders)) expect(list).toHaveLength(3);
    expect(orders.old.map((e) => e.fullname)).toEqual([q1, q2, answer].map((x) => x.fullname));
    expect(orders.new.map((e) => e.fullname)).toEqual([answer, q2, q1].map((x) => x.fullname));
    expect(orders.qa.indexOf(orders.qa.find((e) => e.fullname === q1.fullname) as ListingEntry)).toBeLessThan(orders.qa.findIndex((e) => e.fullname === q2.fullname));
  });
});
