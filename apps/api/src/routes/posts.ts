import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { submitPost } from "@hivemind/domain";
import { booleanParamSchema, permalinkOf, formatFullname, toBase36 } from "@hivemind/core";
import { jsonOk } from "@hivemind/present";
import { presentContextOf } from "../http/present-context.js";

const submitInput = z.object({
  kind: z.enum(["self", "link"]),
  sr: z.string().default(""),
  title: z.string().default(""),
  text: z.string().optional(),
  url: z.string().optional(),
  nsfw: booleanParamSchema.default(false),
  spoiler: booleanParamSchema.default(false),
  // PRAW also sends resubmit, sendreplies, validate_on_submit, flair_*: ignored.
});

export const postRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/submit",
    scope: "submit",
    rateLimit: "submit",
    auth: "required",
    summary: "Submit a link or self post (reddit's api/submit)",
    tags: ["posts"],
    input: submitInput,
    response: z.object({
      json: z.object({ errors: z.array(z.never()), data: z.object({ url: z.string(), id: z.string(), name: z.string().regex(/^t3_/) }) }),
    }),
    async handler({ req, input, actor, services }) {
      const { post, community } = await submitPost(services, actor, input);
      const id36 = toBase36(post.id);
      const url = presentContextOf(req).origin + permalinkOf(community.name, id36, post.title);
      return jsonOk({ url, id: id36, name: formatFullname("t3", post.id) });
    },
  }),
];
