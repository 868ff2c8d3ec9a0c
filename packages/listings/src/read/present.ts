import { listing, presentComment, presentLink, type PresentContext } from "@hivemind/present";
import type { ListingPage } from "./pipeline.js";
import type { ListedThing } from "./rules.js";

/** A listed thing as reddit's t3, or t1 with the profile-listing fields (link_title, …). */
export function presentListed(thing: ListedThing, ctx: PresentContext) {
  return thing.kind === "t3" ? presentLink(thing.view, ctx) : presentComment(thing.view, ctx, { withLink: true });
}

/** A page as reddit's Listing JSON: stickies (first page of a community's hot) first, then the page. */
export function presentListingPage(page: ListingPage, ctx: PresentContext) {
  const children = [...page.stickies.map((v) => presentLink(v, ctx)), ...page.items.map((t) => presentListed(t, ctx))];
  return listing(children, { after: page.after, before: page.before, dist: true });
}
