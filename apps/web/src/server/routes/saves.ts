import { z } from "zod";
import { cursorParamSchema, limitParamSchema } from "@hivemind/core";
import { defineRoute } from "../http/route.js";
import { hidePosts, listMarks, saveThing, unhidePosts, unsaveThing } from "../domain/saves.js";
import { loadThingViews } from "../domain/hydrate.js";
import { emptySchema, presentContextOf } from "../present/common.js";
import { commentThingSchema } from "../present/comment.js";
import { linkThingSchema } from "../present/link.js";
import { listing, listingSchema } from "../present/listing.js";
import { presentThing } from "./things.js";

const idInput = z.object({ id: z.string().default("") });

function markRoute(path: string, summary: string, run: typeof saveThing) {
  return defineRoute({
    method: "POST",
    path,
    auth: "required",
    summary,
    tags: ["saves"],
    input: idInput,
    response: emptySchema,
    async handler({ input, actor, services }) {
      await run(services, actor, { id: input.id });
      return {};
    },
  });
}

function hideRoute(path: string, summary: string, run: typeof hidePosts) {
  return defineRoute({
    method: "POST",
    path,
    auth: "required",
    summary,
    tags: ["saves"],
    input: idInput,
    response: emptySchema,
    async handler({ input, actor, services }) {
      await run(services, actor, { ids: input.id });
      return {};
    },
  });
}

function listRoute(which: "saved" | "hidden") {
  return defineRoute({
    method: "GET",
    path: `/user/:name/${which}`,
    auth: "required",
    summary: `Your ${which} things, newest first (only the owner may see them)`,
    tags: ["saves"],
    input: z.object({ limit: limitParamSchema, after: cursorParamSchema, before: cursorParamSchema }),
    response: listingSchema(z.union([linkThingSchema, commentThingSchema])),
    async handler({ req, input, path, actor, services }) {
      const page = await listMarks(services.db, actor, path.name ?? "", which, input);
      const views = await loadThingViews(services.db, actor, page.items);
      const ctx = presentContextOf(req);
      return listing(views.map((v) => presentThing(v, ctx, { withLink: true })), { after: page.after, before: page.before, dist: true });
    },
  });
}

export const saveRoutes = [
  markRoute("/api/save", "Save a post or comment (idempotent)", saveThing),
  markRoute("/api/unsave", "Unsave a post or comment (idempotent)", unsaveThing),
  hideRoute("/api/hide", "Hide posts: id=t3_a,t3_b (at most 50; idempotent)", hidePosts),
  hideRoute("/api/unhide", "Unhide posts: id=t3_a,t3_b (at most 50; idempotent)", unhidePosts),
  listRoute("saved"),
  listRoute("hidden"),
];
