import { z } from "zod";
import { ValidationError, parseFullname } from "@hivemind/core";
import { defineRoute } from "../http/route.js";
import { deleteThing, editUserText, loadThingViews, postInclude, hydratePosts, type ThingView } from "@hivemind/domain";
import { emptySchema, jsonOk, type PresentContext, commentThingSchema, presentComment, linkThingSchema, presentLink, listing, listingSchema } from "@hivemind/present";
import { presentContextOf } from "../http/present-context.js";

export function presentThing(t: ThingView, ctx: PresentContext, opts: { withLink?: boolean } = {}) {
  return t.kind === "t3" ? presentLink(t.view, ctx) : presentComment(t.view, ctx, opts);
}

/** reddit's api/info takes at most 100 ids. */
const INFO_MAX = 100;

export const thingRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/editusertext",
    scope: "edit",
    auth: "required",
    summary: "Edit a self post's text or a comment (author only)",
    tags: ["things"],
    input: z.object({ thing_id: z.string().default(""), text: z.string().default("") }),
    response: z.object({ json: z.object({ errors: z.array(z.never()), data: z.object({ things: z.array(z.union([linkThingSchema, commentThingSchema])).length(1) }) }) }),
    async handler({ req, input, actor, services }) {
      const thing = await editUserText(services, actor, { thingId: input.thing_id, text: input.text });
      const ref = thing.kind === "t3" ? { kind: "t3" as const, id: thing.post.id } : { kind: "t1" as const, id: thing.comment.id };
      const views = await loadThingViews(services.db, actor, [ref]);
      return jsonOk({ things: views.map((v) => presentThing(v, presentContextOf(req))) });
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/del",
    scope: "edit",
    auth: "required",
    summary: "Delete your post or comment",
    tags: ["things"],
    input: z.object({ id: z.string().default("") }),
    response: emptySchema,
    async handler({ input, actor, services }) {
      await deleteThing(services, actor, { id: input.id });
      return {};
    },
  }),
  defineRoute({
    method: "GET",
    path: "/api/info",
    scope: "read",
    auth: "optional",
    summary: "Posts and comments by fullname (id=t3_a,t1_b; at most 100), or posts by url",
    tags: ["things"],
    input: z.object({ id: z.string().optional(), url: z.string().optional() }),
    response: listingSchema(z.union([linkThingSchema, commentThingSchema])),
    async handler({ req, input, actor, services }) {
      const ctx = presentContextOf(req);
      if (input.id !== undefined) {
        const names = input.id.split(",").map((s) => s.trim()).filter((s) => s !== "");
        if (names.length > INFO_MAX) throw new ValidationError(`at most ${INFO_MAX} ids`, { code: "TOO_LONG", field: "id" });
        // Communities and accounts (t5_, t2_) are not looked up here; they are left out.
        const refs = names
          .map((n) => parseFullname(n, undefined, "id"))
          .filter((f): f is { kind: "t1" | "t3"; id: bigint } => f.kind === "t1" || f.kind === "t3");
        const views = await loadThingViews(services.db, actor, refs);
        return listing(views.map((v) => presentThing(v, ctx)));
      }
      if (input.url !== undefined && input.url.trim() !== "") {
        const rows = await services.db.post.findMany({ where: { url: input.url.trim(), deleted: false }, include: postInclude, orderBy: { id: "desc" }, take: INFO_MAX });
        const views = await hydratePosts(services.db, actor, rows);
        return listing(views.map((v) => presentLink(v, ctx)));
      }
      throw new ValidationError("give id or url", { code: "NO_THING_ID", field: "id" });
    },
  }),
];
