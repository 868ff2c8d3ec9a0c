import { z } from "zod";
import { voteDirSchema } from "@hivemind/core";
import { defineRoute } from "../http/route.js";
import { castVote } from "@hivemind/domain";
import { emptySchema } from "@hivemind/present";

export const voteRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/vote",
    scope: "vote",
    rateLimit: "vote",
    auth: "required",
    summary: "Vote on a post or comment: dir 1 (up), -1 (down) or 0 (clear)",
    tags: ["votes"],
    // PRAW may send `rank`; it is ignored.
    input: z.object({ id: z.string().default(""), dir: voteDirSchema }),
    response: emptySchema,
    async handler({ input, actor, services }) {
      await castVote(services, actor, { id: input.id, dir: input.dir });
      return {};
    },
  }),
];
