import { z } from "zod";
import { cursorParamSchema, limitParamSchema } from "@hivemind/core";
import { defineRoute } from "../http/route.js";
import { hidePosts, listMarkedThings, saveThing, unhidePosts, unsaveThing, type MarkList } from "@hivemind/domain";
import { emptySchema, commentThingSchema, linkThingSchema, listing, listingSchema } from "@hivemind/present";
import { presentContextOf } from "../http/present-context.js";
import { presentThing } from "./things.js";

const idInput = z.object({ id: z.string().default("") });

type Services = Parameters<typeof saveThing>[0];
type Actor = Parameters<typeof saveThing>[1];

/** A POST that marks or unmarks things (reddit scopes: save for save/unsave, report for hide/unhide) by `id` and answers `{}` (reddit's noresponse endpoints). */
function markRoute(path: string, scope: "save" | "report", summary: string, run: (services: Services, actor: Actor, id: string) => Promise<unknown>) {
  return defineRoute({
    method: "POST",
    path,
    scope,
    auth: "required",
    summary,
    tags: ["saves"],
    input: idInput,
    response: emptySchema,
    async handler({ input, actor, services }) {
      await run(services, actor, input.id);
      return {};
    },
  });
}

function listRoute(which: MarkList) {
  return defineRoute({
    method: "GET",
    path: `/user/:name/${which}`,
    scope: "history",
    auth: "required",
    summary: which === "upvoted" || which === "downvoted" ? `Posts you ${which}, newest vote first (only the owner may see them)` : `Your ${which} things, newest first (only the owner may see them)`,
    tags: ["saves"],
    input: z.object({ limit: limitParamSchema, after: cursorParamSchema, before: cursorParamSchema }),
    response: listingSchema(z.union([linkThingSchema, commentThingSchema])),
    async handler({ req, input, path, actor, services }) {
      const page = await listMarkedThings(services.db, actor, path.name ?? "", which, input);
      const ctx = presentContextOf(req);
      return listing(page.items.map((v) => presentThing(v, ctx, { withLink: true })), { after: page.after, before: page.before, dist: true });
    },
  });
}

export const saveRoutes = [
  markRoute("/api/save", "save", "Save a post or comment (idempotent)", (s, a, id) => saveThing(s, a, { id })),
  markRoute("/api/unsave", "save", "Unsave a post or comment (idempotent)", (s, a, id) => unsaveThing(s, a, { id })),
  markRoute("/api/hide", "report", "Hide posts: id=t3_a,t3_b (at most 50; idempotent)", (s, a, ids) => hidePosts(s, a, { ids })),
  markRoute("/api/unhide", "report", "Unhide posts: id=t3_a,t3_b (at most 50; idempotent)", (s, a, ids) => unhidePosts(s, a, { ids })),
  listRoute("saved"),
  listRoute("hidden"),
  listRoute("upvoted"),
  listRoute("downvoted"),
];
