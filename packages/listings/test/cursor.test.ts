import { describe, expect, it } from "vitest";
import { formatFullname } from "@hivemind/core";
import { pageCursors, pageLimit, pageWindow, takePositions, type PageRequest } from "../src/read/cursor.js";
import type { ListingItem } from "../src/read/skeleton.js";

/** A listing of n posts, ids 1..n, sort values n..1 (post 1 best). */
function listing(n: number): ListingItem[] {
  return Array.from({ length: n }, (_, i) => ({ fullname: formatFullname("t3", BigInt(i + 1)), sort: n - i }));
}

const name = (i: number) => formatFullname("t3", BigInt(i));

/** The fullnames of a page and its cursors, walking the window as the pipeline does (nothing filtered). */
async function page(items: ListingItem[], req: PageRequest, cursorValue?: (f: string) => Promise<number | undefined>) {
  const w = await pageWindow(items, req, cursorValue);
  const positions = takePositions(items, w, 0, pageLimit(req.limit)).sort((a, b) => a - b);
  const covered = positions.length ? { first: positions[0] as number, last: positions.at(-1) as number } : null;
  return { names: positions.map((i) => (items[i] as ListingItem).fullname), ...pageCursors(items, w, covered) };
}

describe("page limits", () => {
  it("defaults to 25 and clamps to 1..100", () => {
    expect(pageLimit(undefined)).toBe(25);
    expect(pageLimit(1000)).toBe(100);
    expect(pageLimit(0)).toBe(1);
    expect(pageLimit(7.9)).toBe(7);
  });
});

describe("fullname cursors over a whole listing", () => {
  const items = listing(60);

  it("the first page has an after cursor and no before", async () => {
    const p = await page(items, {});
    expect(p.names).toEqual(items.slice(0, 25).map((i) => i.fullname));
    expect(p).toMatchObject({ after: name(25), before: null });
  });

  it("after=X starts right below X; before=X ends right above it", async () => {
    const second = await page(items, { after: name(25) });
    expect(second.names[0]).toBe(name(26));
    expect(second).toMatchObject({ after: name(50), before: name(26) });
    const back = await page(items, { before: name(26) });
    expect(back.names).toEqual(items.slice(0, 25).map((i) => i.fullname));
    expect(back).toMatchObject({ before: null, after: name(25) });
  });

  it("the last page has no after cursor", async () => {
    const last = await page(items, { after: name(50) });
    expect(last.names).toEqual(items.slice(50).map((i) => i.fullname));
    expect(last).toMatchObject({ after: null, before: name(51) });
  });

  it("a cursor past the end gives an empty page without cursors", async () => {
    expect(await page(items, { after: name(60) })).toEqual({ names: [], after: null, before: null });
  });

  it("a cursor item that left the listing is placed by its current value when one is known", async () => {
    const without = items.filter((i) => i.fullname !== name(25));
    // Post 25 had value 36; it is gone (removed) but its value still places it.
    const p = await page(without, { after: name(25), limit: 3 }, async () => 36);
    expect(p.names).toEqual([name(26), name(27), name(28)]);
    // Unknown (deleted for good): an empty page, as reddit.
    expect((await page(without, { after: name(25) }, async () => undefined)).names).toEqual([]);
  });

  it("when scores change between pages: a climber past the cursor is skipped, a faller shows again", async () => {
    const first = await page(items, { limit: 5 });
    expect(first.names).toEqual([1, 2, 3, 4, 5].map(name));
    // Between the reads post 8 climbs to the top and post 2 falls below post 6.
    const moved = items
      .map((i) => (i.fullname === name(8) ? { ...i, sort: 1000 } : i.fullname === name(2) ? { ...i, sort: 54.5 } : i))
      .sort((a, b) => b.sort - a.sort);
    const second = await page(moved, { after: first.after ?? "", limit: 5 });
    expect(second.names).toEqual([name(6), name(2), name(7), name(9), name(10)]);
    expect(second.names).not.toContain(name(8));
  });

  it("a cursor that names nothing in the listing gives an empty page", async () => {
    const p = await page(items, { after: "t3_!!", limit: 2 }, async () => undefined);
    expect(p.names).toEqual([]);
  });
});
