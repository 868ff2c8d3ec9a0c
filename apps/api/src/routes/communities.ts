import { z } from "zod";
import { SEARCH_QUERY_MAX, ValidationError, booleanParamSchema, coded, cursorParamSchema, limitParamSchema, newCommunityNameSchema, parseFullname } from "@hivemind/core";
import type { Actor } from "../auth/actor.js";
import {
  browseCommunities,
  communityNamesStartingWith,
  createCommunity,
  myCommunities,
  resolveCommunities,
  setSubscriptions,
  updateCommunity,
  viewerRelation,
  viewerRelations,
  type CommunityOrder,
  type CommunityPage,
  type CommunityPageRequest,
} from "@hivemind/domain";
import { communityByName } from "@hivemind/domain";
import { defineRoute } from "../http/route.js";
import { communityListingSchema, communityThingSchema, presentCommunity, presentCommunityListing } from "@hivemind/present";
import type { AppServices } from "../services.js";
import { formOk, formOkSchema } from "./form-response.js";

const tags = ["communities"];

export const TITLE_MAX = 100;
export const PUBLIC_DESCRIPTION_MAX = 500;
export const DESCRIPTION_MAX = 10_240;
/** At most this many communities in one subscribe request. */
export const SUBSCRIBE_MAX = 100;

const siteAdminInput = z.object({
  /** Present: update that community (older PRAW's subreddit.mod.update; PRAW 8 PATCHes update_settings); absent: create `name`. */
  sr: z.string().trim().optional(),
  name: newCommunityNameSchema.optional(),
  title: z.string().trim().max(TITLE_MAX, `title is too long (max: ${TITLE_MAX})`).optional(),
  public_description: z.string().max(PUBLIC_DESCRIPTION_MAX, `too long (max: ${PUBLIC_DESCRIPTION_MAX})`).optional(),
  description: z.string().max(DESCRIPTION_MAX, `too long (max: ${DESCRIPTION_MAX})`).optional(),
  // Only public communities that take any kind of post exist here; PRAW sends these defaults.
  type: z.literal("public", coded("INVALID_OPTION", "only public communities are supported")).optional(),
  link_type: z.literal("any", coded("INVALID_OPTION", "only link_type=any is supported")).optional(),
  wikimode: z.string().optional(),
});

/** `a,b,c` → trimmed non-empty parts. */
function commaList(s: string | undefined): string[] {
  return (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

const subscribeInput = z.object({
  action: z.enum(["sub", "unsub"], coded("INVALID_OPTION", "action must be sub or unsub")),
  /** Comma-separated t5 fullnames. */
  sr: z.string().optional(),
  /** Comma-separated community names. */
  sr_name: z.string().optional(),
});

const mineInput = z.object({ limit: limitParamSchema, after: cursorParamSchema, before: cursorParamSchema });

function communityCursor(value: string | undefined, field: string): bigint | undefined {
  return value === undefined ? undefined : parseFullname(value, ["t5"], field).id;
}

/** A page of communities as a request asks for it: limit and t5 cursors. */
function pageRequestOf(input: z.output<typeof mineInput>): CommunityPageRequest {
  return { limit: input.limit, after: communityCursor(input.after, "after"), before: communityCursor(input.before, "before") };
}

function mineRoute(role: "subscriber" | "moderator") {
  return defineRoute({
    method: "GET",
    path: `/subreddits/mine/${role}`,
    scope: "mysubreddits",
    auth: "required",
    tags,
    summary: role === "subscriber" ? "Communities the caller subscribes to (Listing of t5)" : "Communities the caller moderates (Listing of t5)",
    input: mineInput,
    response: communityListingSchema,
    async handler(ctx) {
      const page = await myCommunities(ctx.services, ctx.actor, role, pageRequestOf(ctx.input));
      return presentPage(ctx.services, ctx.actor, page);
    },
  });
}

/** `/subreddits/popular` and `/subreddits/new`: the community directory (PRAW's reddit.subreddits.popular() and .new()). */
function directoryRoute(order: CommunityOrder) {
  return defineRoute({
    method: "GET",
    path: `/subreddits/${order}`,
    scope: "read",
    auth: "optional",
    tags,
    summary: order === "popular" ? "Communities, most subscribers first (Listing of t5)" : "Communities, newest first (Listing of t5)",
    input: mineInput,
    response: communityListingSchema,
    async handler(ctx) {
      const page = await browseCommunities(ctx.services.db, order, pageRequestOf(ctx.input));
      return presentPage(ctx.services, ctx.actor, page);
    },
  });
}

const directorySearchInput = mineInput.extend({
  q: z.string({ error: "search for something (q)" }).trim().min(1, "search for something (q)").max(SEARCH_QUERY_MAX, `the query is too long (max: ${SEARCH_QUERY_MAX})`),
});

const nameSearchInput = z.object({
  query: z.string({ error: "name the beginning of a community's name (query)" }).trim().min(1, "name the beginning of a community's name (query)").max(21, "community names are at most 21 characters"),
  exact: booleanParamSchema.default(false),
  // Every community here is safe for work; PRAW sends it anyway.
  include_over_18: booleanParamSchema.optional(),
});

async function presentPage(services: AppServices, actor: Actor | null, page: CommunityPage) {
  const relations = await viewerRelations(services, actor, page.communities);
  return presentCommunityListing(
    page.communities.map((community) => ({ community, viewer: relations.get(community.id) ?? null })),
    { after: page.after, before: page.before },
  );
}

/** PRAW's subreddit.mod.update (PATCH, JSON): the settings of site_admin, for the community `sr`. */
const updateSettingsInput = siteAdminInput.pick({ title: true, public_description: true, description: true, type: true, link_type: true }).extend({
  sr: z.string().trim().min(1, "name the community (sr, a t5 fullname)"),
});

function settingsOf(input: Pick<z.output<typeof siteAdminInput>, "title" | "description" | "public_description">) {
  return { title: input.title, description: input.description, publicDescription: input.public_description };
}

async function createOrUpdate(services: AppServices, actor: Actor, input: z.output<typeof siteAdminInput>): Promise<void> {
  const settings = settingsOf(input);
  if (input.sr) {
    await updateCommunity(services, actor, parseFullname(input.sr, ["t5"], "sr").id, settings);
    return;
  }
  if (!input.name) throw new ValidationError("a name is required", { code: "BAD_SR_NAME", field: "name" });
  await createCommunity(services, actor, { name: input.name, ...settings });
}

export const communityRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/site_admin",
    scope: "modconfig",
    // Creating counts against the limit; updating an existing community (sr given) does not.
    rateLimit: (input: z.output<typeof siteAdminInput>) => (input.sr === undefined ? "createCommunity" : null),
    auth: "required",
    tags,
    summary: "Create a community (name, title, public_description, description); the creator moderates and subscribes. With sr (t5 fullname): update it (moderators only)",
    input: siteAdminInput,
    response: formOkSchema,
    async handler(ctx) {
      await createOrUpdate(ctx.services, ctx.actor, ctx.input);
      return formOk();
    },
  }),
  defineRoute({
    method: "PATCH",
    path: "/api/v1/subreddit/update_settings",
    scope: "modconfig",
    auth: "required",
    tags,
    summary: "Update a community's title, public_description and description (moderators only; PRAW's subreddit.mod.update); settings this site does not have are ignored",
    input: updateSettingsInput,
    response: formOkSchema,
    async handler(ctx) {
      await updateCommunity(ctx.services, ctx.actor, parseFullname(ctx.input.sr, ["t5"], "sr").id, settingsOf(ctx.input));
      return formOk();
    },
  }),
  defineRoute({
    method: "GET",
    path: "/r/:name/about",
    scope: "read",
    auth: "optional",
    tags,
    summary: "A community (t5), with the caller's relation to it",
    input: z.object({}),
    response: communityThingSchema,
    async handler(ctx) {
      const community = await communityByName(ctx.services.db, ctx.path.name ?? "", "name");
      return presentCommunity(community, ctx.actor ? await viewerRelation(ctx.services, ctx.actor, community) : null);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/subscribe",
    scope: "subscribe",
    auth: "required",
    tags,
    summary: "Subscribe (action=sub) or unsubscribe (action=unsub); sr: t5 fullnames or sr_name: names, comma-separated",
    input: subscribeInput,
    response: z.object({}),
    async handler(ctx) {
      const field = ctx.input.sr !== undefined ? "sr" : "sr_name";
      const ids = commaList(ctx.input.sr).map((f) => parseFullname(f, ["t5"], "sr").id);
      const names = commaList(ctx.input.sr_name);
      if (ids.length + names.length === 0) throw new ValidationError("name a community to (un)subscribe", { code: "SUBREDDIT_NOEXIST", field });
      if (ids.length + names.length > SUBSCRIBE_MAX) throw new ValidationError(`at most ${SUBSCRIBE_MAX} communities at once`, { code: "TOO_LONG", field });
      const communities = await resolveCommunities(ctx.services, { ids, names }, field);
      await setSubscriptions(ctx.services, ctx.actor, ctx.input.action, communities);
      return {};
    },
  }),
  mineRoute("subscriber"),
  mineRoute("moderator"),
  directoryRoute("popular"),
  directoryRoute("new"),
  defineRoute({
    method: "GET",
    path: "/subreddits/search",
    scope: "read",
    auth: "optional",
    tags,
    summary: "Communities whose name begins with q, or whose title or description holds it, most subscribers first (PRAW's reddit.subreddits.search())",
    input: directorySearchInput,
    response: communityListingSchema,
    async handler(ctx) {
      const page = await browseCommunities(ctx.services.db, "popular", pageRequestOf(ctx.input), ctx.input.q);
      return presentPage(ctx.services, ctx.actor, page);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/search_reddit_names",
    scope: "read",
    auth: "optional",
    tags,
    summary: "Names of communities beginning with query (exact=True: that name only), at most 10 (PRAW's reddit.subreddits.search_by_name())",
    input: nameSearchInput,
    response: z.object({ names: z.array(z.string()) }),
    async handler(ctx) {
      return { names: await communityNamesStartingWith(ctx.services.db, ctx.input.query, ctx.input.exact) };
    },
  }),
];
