import { z } from "zod";
import { COMMENT_SORTS, ValidationError, fromBase36, parseFullname, type CommentSort } from "@hivemind/core";
import { defineRoute } from "../http/route.js";
import type { RouteContext } from "../http/route.js";
import { createComment, loadMoreChildren, loadCommentViews, getPostView, replyToMessage } from "@hivemind/domain";
import { jsonOk, commentThingSchema, messageThingSchema, presentMessage, moreThingSchema, presentComment, presentFlat, presentTree, linkThingSchema, presentLink, listing, listingSchema } from "@hivemind/present";
import { presentContextOf } from "../http/present-context.js";

/** reddit's comment sorts; "best" and "q&a" are accepted spellings of confidence and qa. */
const commentSortParam = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s === "" || s === "best" ? "confidence" : s === "q&a" ? "qa" : s))
  .pipe(z.enum(COMMENT_SORTS, { error: `sort must be one of ${COMMENT_SORTS.join(", ")}` }));

/** A lenient integer parameter, like reddit's: missing or junk → fallback, otherwise clamped. */
function intParam(fallback: number, min: number, max: number) {
  return z
    .string()
    .optional()
    .transform((s) => {
      const n = s === undefined ? NaN : Number.parseInt(s, 10);
      return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
    });
}

/** reddit: 200 comments by default, at most 500 (PRAW asks for 2048). */
const COMMENT_LIMIT_DEFAULT = 200;
const COMMENT_LIMIT_MAX = 500;
const DEPTH_MAX = 10;

const treeInput = z.object({
  sort: commentSortParam,
  limit: intParam(COMMENT_LIMIT_DEFAULT, 1, COMMENT_LIMIT_MAX),
  depth: intParam(DEPTH_MAX, 1, DEPTH_MAX),
  context: intParam(0, 0, 8),
});

const pageResponse = z.tuple([listingSchema(linkThingSchema), listingSchema(z.union([commentThingSchema, moreThingSchema]))]);

async function commentPage({ req, input, path, actor, services }: RouteContext<z.output<typeof treeInput>>) {
  const postId = fromBase36(path.id ?? "", "id");
  const post = await getPostView(services.db, actor, postId);
  const focus = path.comment === undefined ? undefined : fromBase36(path.comment, "comment");
  // The order and tree from the comment store; only the comments shown are hydrated.
  const { tree } = await services.reads.commentTree(actor, postId, { sort: input.sort, limit: input.limit, depth: input.depth, focus, context: input.context });
  const ctx = presentContextOf(req);
  return [listing([presentLink(post, ctx)], { dist: true }), listing(presentTree(tree, postId, ctx))];
}

const pageDoc = {
  method: "GET" as const,
  scope: "read" as const,
  auth: "optional" as const,
  tags: ["comments"],
  input: treeInput,
  response: pageResponse,
  handler: commentPage,
};

const commentInput = z.object({ thing_id: z.string().default(""), text: z.string().default("") });

const moreInput = z.object({
  link_id: z.string().default(""),
  children: z.string().default(""),
  sort: commentSortParam,
  depth: intParam(DEPTH_MAX, 1, DEPTH_MAX),
  // limit_children, id: ignored
});

/** At most this many ids per morechildren request (PRAW sends up to 100). */
const MORE_CHILDREN_MAX = 100;
const MORE_LIMIT = 200;

function parseChildren(list: string): bigint[] {
  const ids = list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => (s.startsWith("t1_") ? parseFullname(s, ["t1"], "children").id : fromBase36(s, "children")));
  if (ids.length === 0) throw new ValidationError("no comment ids given", { code: "NO_THING_ID", field: "children" });
  if (ids.length > MORE_CHILDREN_MAX) throw new ValidationError(`at most ${MORE_CHILDREN_MAX} ids`, { code: "TOO_LONG", field: "children" });
  return [...new Set(ids)];
}

async function moreChildren({ req, input, actor, services }: RouteContext<z.output<typeof moreInput>>) {
  const linkId = parseFullname(input.link_id, ["t3"], "link_id").id;
  const children = parseChildren(input.children);
  const sort: CommentSort = input.sort;
  const items = await loadMoreChildren(services.db, actor, { linkId, children, sort, limit: Math.max(MORE_LIMIT, children.length), depth: input.depth });
  return jsonOk({ things: presentFlat(items, linkId, presentContextOf(req)) });
}

const moreDoc = {
  scope: "read" as const,
  auth: "optional" as const,
  summary: "More comments of a post, flat (reddit's api/morechildren)",
  tags: ["comments"],
  input: moreInput,
  response: z.object({ json: z.object({ errors: z.array(z.never()), data: z.object({ things: z.array(z.union([commentThingSchema, moreThingSchema])) }) }) }),
  handler: moreChildren,
};

export const commentRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/comment",
    scope: "submit",
    rateLimit: "comment",
    auth: "required",
    summary: "Reply to a post or a comment (reddit's api/comment); with a t4 thing_id, answer a private message",
    tags: ["comments"],
    input: commentInput,
    response: z.object({ json: z.object({ errors: z.array(z.never()), data: z.object({ things: z.array(z.union([commentThingSchema, messageThingSchema])).length(1) }) }) }),
    async handler({ req, input, actor, services }) {
      if (input.thing_id.startsWith("t4_")) {
        const reply = await replyToMessage(services, actor, parseFullname(input.thing_id, ["t4"], "thing_id").id, input.text);
        return jsonOk({ things: [presentMessage(reply, false)] });
      }
      const comment = await createComment(services, actor, { thingId: input.thing_id, text: input.text });
      const [view] = await loadCommentViews(services.db, actor, [comment.id]);
      return jsonOk({ things: view ? [presentComment(view, presentContextOf(req))] : [] });
    },
  }),
  defineRoute({ ...pageDoc, path: "/r/:name/comments/:id{/:slug}{/:comment}", summary: "A post and its comment tree" }),
  defineRoute({ ...pageDoc, path: "/comments/:id{/:slug}{/:comment}", summary: "A post and its comment tree (PRAW's Submission fetch)" }),
  defineRoute({ ...moreDoc, method: "POST", path: "/api/morechildren" }),
  defineRoute({ ...moreDoc, method: "GET", path: "/api/morechildren" }),
];
