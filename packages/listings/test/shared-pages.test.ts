import { describe, expect, it } from "vitest";
import type { Viewer } from "@hivemind/core";
import type { ListingPage } from "../src/read/pipeline.js";
import { presentListingPageBytes } from "../src/read/present.js";
import { SharedPages } from "../src/read/shared-pages.js";

const alice: Viewer = { userId: 7n, name: "alice", isAdmin: false };

function counting() {
  const r = {
    reads: 0,
    read: async (): Promise<ListingPage> => {
      r.reads++;
      return { items: [], stickies: [], after: `t3_${r.reads}`, before: null, source: "redis" };
    },
  };
  return r;
}

describe("logged-out readers' shared pages", () => {
  it("share a page within the TTL and read it again after", async () => {
    let t = 0;
    const pages = new SharedPages({ ttlMs: 250, now: () => t });
    const inner = counting();
    const first = await pages.read(null, "l:hot", {}, inner.read);
    t = 249;
    expect(await pages.read(null, "l:hot", {}, inner.read)).toBe(first);
    expect(inner.reads).toBe(1);
    t = 250;
    expect((await pages.read(null, "l:hot", {}, inner.read)).after).toBe("t3_2");
  });

  it("tell pages apart by listing, limit and cursors", async () => {
    const pages = new SharedPages({ now: () => 0 });
    const inner = counting();
    await pages.read(null, "l:hot", {}, inner.read);
    await pages.read(null, "l:new", {}, inner.read);
    await pages.read(null, "l:hot", { limit: 10 }, inner.read);
    await pages.read(null, "l:hot", { after: "t3_a" }, inner.read);
    await pages.read(null, "l:hot", { before: "t3_a" }, inner.read);
    expect(inner.reads).toBe(5);
    await pages.read(null, "l:hot", { after: "t3_a" }, inner.read);
    expect(inner.reads).toBe(5);
  });

  it("share one read between concurrent logged-out readers", async () => {
    const pages = new SharedPages({ now: () => 0 });
    const inner = counting();
    const got = await Promise.all(Array.from({ length: 20 }, () => pages.read(null, "l:hot", {}, inner.read)));
    expect(inner.reads).toBe(1);
    expect(new Set(got).size).toBe(1);
  });

  it("never share a logged-in reader's page, in either direction", async () => {
    const pages = new SharedPages({ now: () => 0 });
    const inner = counting();
    const anonymous = await pages.read(null, "l:hot", {}, inner.read);
    const hers = await pages.read(alice, "l:hot", {}, inner.read);
    const again = await pages.read(alice, "l:hot", {}, inner.read);
    expect(inner.reads).toBe(3);
    expect(hers).not.toBe(anonymous);
    expect(again).not.toBe(hers);
    expect(await pages.read(null, "l:hot", {}, inner.read)).toBe(anonymous);
  });

  it("forget every page when this process writes (clear), and share nothing with a TTL of 0", async () => {
    const pages = new SharedPages({ now: () => 0 });
    const inner = counting();
    await pages.read(null, "l:hot", {}, inner.read);
    pages.clear();
    await pages.read(null, "l:hot", {}, inner.read);
    expect(inner.reads).toBe(2);
    const off = new SharedPages({ ttlMs: 0, now: () => 0 });
    await off.read(null, "l:hot", {}, inner.read);
    await off.read(null, "l:hot", {}, inner.read);
    expect(inner.reads).toBe(4);
  });

  it("read afresh when the caller measures the read (stats)", async () => {
    const pages = new SharedPages({ now: () => 0 });
    const inner = counting();
    await pages.read(null, "l:hot", { stats: {} }, inner.read);
    await pages.read(null, "l:hot", { stats: {} }, inner.read);
    expect(inner.reads).toBe(2);
  });

  it("forget a failed read, so the next reader tries again", async () => {
    const pages = new SharedPages({ now: () => 0 });
    await expect(pages.read(null, "l:hot", {}, () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    const inner = counting();
    await pages.read(null, "l:hot", {}, inner.read);
    expect(inner.reads).toBe(1);
  });
});

describe("a page's JSON bytes", () => {
  const page: ListingPage = { items: [], stickies: [], after: "t3_z", before: null, source: "redis" };

  it("are the Listing JSON, encoded once per page and origin", () => {
    const bytes = presentListingPageBytes(page, { origin: "http://a.test" });
    expect(JSON.parse(bytes.toString("utf8"))).toMatchObject({ kind: "Listing", data: { after: "t3_z", before: null, children: [] } });
    expect(presentListingPageBytes(page, { origin: "http://a.test" })).toBe(bytes);
    expect(presentListingPageBytes(page, { origin: "http://b.test" })).not.toBe(bytes);
  });
});
