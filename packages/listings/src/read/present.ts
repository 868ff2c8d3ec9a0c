import { listing, presentComment, presentLink, type PresentContext } from "@hivemind/present";
import type { ListingPage } from "./pipeline.js";
import type { ListedThing } from "./rules.js";

/** A listed thing as reddit's t3, or t1 with the profile-listing fields (link_title, …). */
export function presentListed(thing: ListedThing, ctx: PresentContext) {
  return thing.kind === "t3" ? presentLink(thing.view, ctx) : presentComment(thing.view, ctx, { withLink: true });
}

/**
 * Serialised things as every viewer with no state of their own sees them (no vote, not saved or
 * hidden, no moderator fields), by row object. Rows are shared read-only for as long as the read
 * path keeps them locally (LocalCache), so a busy page's things are presented and serialised a
 * few times a second rather than on every request; a new row (changed counts, an edit) is a new
 * object and gets its own entry.
 */
const neutralJson = new WeakMap<object, { origin: string; json: string }>();

function listedJson(thing: ListedThing, ctx: PresentContext): string {
  const { view } = thing;
  const neutral = view.mod === null && view.viewer.vote === 0 && !view.viewer.saved && !view.viewer.hidden;
  if (!neutral) return JSON.stringify(presentListed(thing, ctx));
  const hit = neutralJson.get(view.row);
  if (hit?.origin === ctx.origin) return hit.json;
  const json = JSON.stringify(presentListed(thing, ctx));
  neutralJson.set(view.row, { origin: ctx.origin, json });
  return json;
}

/**
 * A page as reddit's Listing JSON text: stickies (first page of a community's hot) first, then
 * the page, each thing serialised once per row for viewers without state of their own.
 */
export function presentListingPageJson(page: ListingPage, ctx: PresentContext): string {
  const things: ListedThing[] = [...page.stickies.map((view) => ({ kind: "t3" as const, view })), ...page.items];
  // The envelope from listing() itself, with a placeholder per child, then the children spliced in.
  const placeholders = things.map(() => 0);
  const shell = JSON.stringify(listing(placeholders, { after: page.after, before: page.before, dist: true }));
  const marker = `"children":${JSON.stringify(placeholders)}`;
  const at = shell.indexOf(marker);
  // Spliced by position: String.replace would read `$&`, `$'` and the like in a title as patterns.
  return `${shell.slice(0, at)}"children":[${things.map((t) => listedJson(t, ctx)).join(",")}]${shell.slice(at + marker.length)}`;
}

const pageBytes = new WeakMap<ListingPage, { origin: string; bytes: Buffer }>();

/**
 * presentListingPageJson as UTF-8 bytes, kept with the page object: a page every logged-out reader
 * shares (SharedPages) is serialised and encoded once, and each answer writes the same bytes.
 */
export function presentListingPageBytes(page: ListingPage, ctx: PresentContext): Buffer {
  const hit = pageBytes.get(page);
  if (hit?.origin === ctx.origin) return hit.bytes;
  const bytes = Buffer.from(presentListingPageJson(page, ctx));
  pageBytes.set(page, { origin: ctx.origin, bytes });
  return bytes;
}
