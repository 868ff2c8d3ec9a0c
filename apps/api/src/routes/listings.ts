import { z } from "zod";
import {
  communityOwner,
  domainKey,
  domainOwner,
  linkSortSchema,
  listingParamsSchema,
  searchParamsSchema,
  siteListingOf,
  userOwner,
  ValidationError,
  type LinkSort,
  type ListingKey,
  type TimeFilter,
} from "@hivemind/core";
import { userByName } from "@hivemind/domain";
import { presentListingPageBytes, type ListingPage } from "@hivemind/listings";
import { commentThingSchema, linkThingSchema, listingSchema } from "@hivemind/present";
import { defineRoute, type RouteContext } from "../http/route.js";
import { ApiReply, JsonText } from "../http/reply.js";
import { presentContextOf } from "../http/present-context.js";

/**
 * Listing endpoints (reddit's): the front page, communities, users' submitted and comments, and
 * domains, each a page of a precomputed listing read through @hivemind/listings. The response
 * says where its ids came from in `X-Hivemind-Listing-Source` (redis, cassandra or postgres).
 */

const tags = ["listings"];
export const LISTING_SOURCE_HEADER = "x-hivemind-listing-source";

const input = listingParamsSchema;
type Input = z.output<typeof input>;

/** `sort` of a user listing (reddit puts it in a parameter there, not in the path). */
const userInput = listingParamsSchema.extend({
  sort: z.enum(["hot", "new", "top", "controversial"], { error: "sort must be one of hot, new, top, controversial" }).default("new"),
});

const linkListing = listingSchema(linkThingSchema);
const commentListing = listingSchema(commentThingSchema);
const mixedListing = listingSchema(z.union([linkThingSchema, commentThingSchema]));

function reply(ctx: RouteContext<Input>, page: ListingPage): ApiReply {
  return new ApiReply(new JsonText(presentListingPageBytes(page, presentContextOf(ctx.req))), 200, { [LISTING_SOURCE_HEADER]: page.source });
}

const SORTS: readonly LinkSort[] = ["hot", "new", "rising", "top", "controversial"];

function page(ctx: RouteContext<Input>) {
  return { limit: ctx.input.limit, after: ctx.input.after, before: ctx.input.before };
}

/** `/r/{name}`: a community, `all`, `popular` (the default set) or several joined by `+`. */
async function communityListing(ctx: RouteContext<Input>, sort: LinkSort, t: TimeFilter): Promise<ApiReply> {
  const { services, actor } = ctx;
  const name = ctx.path.name ?? "";
  const site = siteListingOf(name);
  if (site) return reply(ctx, await services.reads.siteListing(actor, site, sort, t, page(ctx)));
  const names = name.split("+").filter((n) => n !== "");
  if (names.length === 0 || names.length > 100) throw new ValidationError("name one to 100 communities", { code: "SUBREDDIT_NOEXIST", field: "sr" });
  const ids = await Promise.all(names.map((n) => services.reads.communityId(n)));
  if (ids.length === 1) {
    const key: ListingKey = { owner: communityOwner(ids[0] as bigint), sort, t };
    return reply(ctx, await services.reads.listing(actor, key, page(ctx)));
  }
  return reply(ctx, await services.reads.multi(actor, ids, sort, t, page(ctx)));
}

function frontRoute(path: string, sort: LinkSort, summary: string) {
  return defineRoute({
    method: "GET",
    path,
    auth: "optional",
    scope: "read",
    summary,
    tags,
    input,
    response: linkListing,
    async handler(ctx) {
      return reply(ctx, await ctx.services.reads.frontPage(ctx.actor, sort, ctx.input.t, page(ctx)));
    },
  });
}

function communityRoute(path: string, sort: LinkSort) {
  return defineRoute({
    method: "GET",
    path,
    auth: "optional",
    scope: "read",
    summary: `A community's ${sort} listing (also r/all, r/popular, r/a+b)`,
    tags,
    input,
    response: linkListing,
    handler: (ctx) => communityListing(ctx, sort, ctx.input.t),
  });
}

/** `/user/{name}` and `/user/{name}/overview`: the user's posts and comments merged (PRAW's redditor.new(), .overview). */
function overviewRoute(path: string) {
  return defineRoute({
    method: "GET",
    path,
    auth: "optional",
    scope: "history",
    summary: "A user's posts and comments, merged (sort=new|hot|top|controversial, t for top/controversial)",
    tags,
    input: userInput,
    response: mixedListing,
    async handler(ctx) {
      const user = await userByName(ctx.services.db, ctx.path.name ?? "");
      return reply(ctx, await ctx.services.reads.userOverview(ctx.actor, user.id, ctx.input.sort, ctx.input.t, page(ctx)));
    },
  });
}

function userRoute(what: "submitted" | "comments") {
  return defineRoute({
    method: "GET",
    path: `/user/:name/${what}`,
    auth: "optional",
    scope: "history",
    summary: what === "submitted" ? "A user's posts (sort=new|hot|top|controversial, t for top/controversial)" : "A user's comments (sort=new|hot|top|controversial)",
    tags,
    input: userInput,
    response: what === "submitted" ? linkListing : commentListing,
    async handler(ctx) {
      const user = await userByName(ctx.services.db, ctx.path.name ?? "");
      const key: ListingKey = { owner: userOwner(user.id, what), sort: ctx.input.sort, t: ctx.input.t };
      return reply(ctx, await ctx.services.reads.listing(ctx.actor, key, page(ctx)));
    },
  });
}

function domainRoute(path: string, fixedSort: LinkSort | null) {
  return defineRoute({
    method: "GET",
    path,
    auth: "optional",
    scope: "read",
    summary: fixedSort ? `Links to a domain, ${fixedSort}` : "Links to a domain (sort: hot, new, rising, top, controversial)",
    tags,
    input,
    response: linkListing,
    async handler(ctx) {
      const sort = fixedSort ?? linkSortSchema.parse(ctx.path.sort ?? "hot");
      const domain = domainKey(ctx.path.domain ?? "");
      if (domain === "" || domain.length > 253) throw new ValidationError("not a domain", { code: "BAD_REQUEST", field: "domain" });
      return reply(ctx, await ctx.services.reads.listing(ctx.actor, { owner: domainOwner(domain), sort, t: ctx.input.t }, page(ctx)));
    },
  });
}

/**
 * `/search` and `/r/{name}/search` (PRAW's subreddit.search(), which sends restrict_sr for any
 * community but r/all): posts matching `q`. On a community's path, restrict_sr keeps the search to
 * it; without it (and on r/all or r/popular) every community is searched, as on reddit.
 */
function searchRoute(path: string) {
  return defineRoute({
    method: "GET",
    path,
    auth: "optional",
    scope: "read",
    summary: "Posts matching q (sort: relevance, hot, top, new, comments; t; restrict_sr on a community's path)",
    tags,
    input: searchParamsSchema,
    response: linkListing,
    async handler(ctx) {
      const { q, sort, t, restrict_sr } = ctx.input;
      const name = ctx.path.name;
      const within = name !== undefined && restrict_sr && !siteListingOf(name) ? await ctx.services.reads.communityId(name) : undefined;
      return reply(ctx, await ctx.services.reads.search(ctx.actor, { q, sort, t, communityId: within }, page(ctx)));
    },
  });
}

export const listingRoutes = [
  ...SORTS.map((sort) => frontRoute(`/${sort}`, sort, `The front page, ${sort}: the reader's subscriptions merged (logged out: the default communities)`)),
  frontRoute("/best", "hot", "The front page as PRAW's front.best(): the same as /hot"),
  frontRoute("/", "hot", "The front page as reddit's /.json: the same as /hot"),
  communityRoute("/r/:name", "hot"),
  ...SORTS.map((sort) => communityRoute(`/r/:name/${sort}`, sort)),
  overviewRoute("/user/:name"),
  overviewRoute("/user/:name/overview"),
  userRoute("submitted"),
  userRoute("comments"),
  searchRoute("/search"),
  searchRoute("/r/:name/search"),
  domainRoute("/domain/:domain", "hot"),
  ...SORTS.map((sort) => domainRoute(`/domain/:domain/${sort}`, sort)),
];
