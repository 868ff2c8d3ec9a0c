import { z } from "zod";
import { ValidationError, fromBase36, limitParamSchema, nameKey, parsedFullnameSchema } from "@hivemind/core";
import { listBans, communityByName, isModerator, moderatedCommunityByName, listModerators, MOD_ACTIONS, listModActions, loadModQueue } from "@hivemind/domain";
import { defineRoute } from "../http/route.js";
import {} from "@hivemind/present";
import { presentContextOf } from "../http/present-context.js";
import { listing, listingSchema, modActionIdOf, modActionSchema, presentModAction, banEntrySchema, moderatorListSchema, presentBan, presentModerator, userList, modQueueFullnameOf, modQueueThingSchema, presentModQueueItem } from "@hivemind/present";

const tags = ["moderation"];

/** "" counts as absent, as reddit's cursors do. */
function optionalParam<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
}

/** A mod log cursor: `ModAction_<id36>` (what the log lists) or the bare id36. */
const modActionCursor = optionalParam(
  z.string().transform((s, ctx) => {
    try {
      return fromBase36(s.replace(/^ModAction_/, ""));
    } catch {
      ctx.addIssue({ code: "custom", message: "not a mod action id", params: { code: "INVALID_ID" } });
      return z.NEVER;
    }
  }),
);

const modLogInput = z.object({
  limit: limitParamSchema,
  after: modActionCursor,
  before: modActionCursor,
  type: optionalParam(z.enum(MOD_ACTIONS)),
  /** Comma-separated moderator names. */
  mod: optionalParam(z.string().max(1000)),
});

const modQueueInput = z.object({
  limit: limitParamSchema,
  after: optionalParam(parsedFullnameSchema(["t1", "t3"])),
  only: optionalParam(z.enum(["links", "comments"])),
});

function modQueueRoute(path: string, summary: string) {
  return defineRoute({
    method: "GET",
    path,
    scope: "read",
    auth: "required",
    summary,
    tags,
    input: modQueueInput,
    response: listingSchema(modQueueThingSchema),
    async handler({ req, input, actor, services, path: p }) {
      const community = await moderatedCommunityByName(services.db, actor, p.sub ?? "");
      const { items, hasMore } = await loadModQueue(services.db, actor, community.id, input);
      const last = items.at(-1);
      const ctx = presentContextOf(req);
      return listing(items.map((i) => presentModQueueItem(i, ctx)), { after: hasMore && last ? modQueueFullnameOf(last) : null });
    },
  });
}

/** The moderation read endpoints under /r/{sub}/about/. */
export const moderationListRoutes = [
  defineRoute({
    method: "GET",
    path: "/r/:sub/about/log",
    scope: "modlog",
    auth: "optional",
    summary: "The public mod log: every moderation action with who, what, when and why, newest first",
    tags,
    input: modLogInput,
    response: listingSchema(modActionSchema),
    async handler({ input, services, path, actor }) {
      const community = await communityByName(services.db, path.sub ?? "");
      let moderatorIds: bigint[] | undefined;
      if (input.mod !== undefined) {
        const names = input.mod.split(",").map((n) => nameKey(n.trim())).filter((n) => n !== "");
        if (names.length > 100) throw new ValidationError("too many moderator names (max: 100)", { field: "mod" });
        const users = await services.db.user.findMany({ where: { nameLower: { in: names } }, select: { id: true } });
        moderatorIds = users.map((u) => u.id);
      }
      // The log shows a removed thing's author only to those its own view shows it to.
      const viewerModerates = await isModerator(services.db, actor, community.id, services.now());
      const page = await listModActions(services.db, community.id, { limit: input.limit, after: input.after, before: input.before, type: input.type, moderatorIds, viewerModerates });
      const children = page.entries.map((e) => presentModAction(e, community));
      const paged = input.after !== undefined || input.before !== undefined;
      return listing(children, {
        after: page.hasMore && children.length > 0 ? modActionIdOf(page.entries.at(-1)!.action.id) : null,
        before: paged && children.length > 0 ? children[0]!.data.id : null,
      });
    },
  }),
  modQueueRoute("/r/:sub/about/modqueue", "The report queue (moderators): reported posts and comments awaiting a decision"),
  modQueueRoute("/r/:sub/about/reports", "Reported posts and comments (moderators); the same queue as modqueue"),
  defineRoute({
    method: "GET",
    path: "/r/:sub/about/banned",
    scope: "read",
    auth: "required",
    summary: "The users banned from a community (moderators)",
    tags,
    input: z.object({ limit: limitParamSchema, after: optionalParam(parsedFullnameSchema(["t2"])) }),
    response: listingSchema(banEntrySchema),
    async handler({ input, actor, services, path }) {
      const community = await moderatedCommunityByName(services.db, actor, path.sub ?? "");
      const now = services.now();
      const { entries, hasMore } = await listBans(services.db, community.id, now, input);
      const children = entries.map((e) => presentBan(e, now));
      return listing(children, { after: hasMore && children.length > 0 ? children.at(-1)!.id : null });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/r/:sub/about/moderators",
    scope: "read",
    auth: "optional",
    summary: "A community's moderators, most senior first",
    tags,
    input: z.object({}),
    response: moderatorListSchema,
    async handler({ services, path }) {
      const community = await communityByName(services.db, path.sub ?? "");
      return userList((await listModerators(services.db, community.id)).map(presentModerator));
    },
  }),
];
