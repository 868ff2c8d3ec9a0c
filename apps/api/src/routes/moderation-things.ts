import { z } from "zod";
import { booleanParamSchema, parsedFullnameSchema } from "@hivemind/core";
import { approveThing, removeThing, setPostFlag, setPostLocked, setSticky, type PostFlag } from "@hivemind/domain";
import { defineRoute } from "../http/route.js";
import { emptySchema } from "@hivemind/present";
import { formOk, formOkSchema } from "./form-response.js";

const tags = ["moderation"];
const thingId = parsedFullnameSchema(["t1", "t3"]);
const postId = parsedFullnameSchema(["t3"]);

const lockInput = z.object({ id: postId });

/** `num` is sent only for the top slot (PRAW: bottom=False → num=1); "" counts as absent. */
const stickyNumSchema = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(1, "num must be 1 or 2").max(2, "num must be 1 or 2").optional());

/** Remove/approve/lock/unlock/sticky and the content flags: the thing moderation endpoints. */
export const thingModerationRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/remove",
    scope: "modposts",
    auth: "required",
    summary: "Remove a post or comment (spam=True marks it spam); resolves its open reports",
    tags,
    input: z.object({ id: thingId, spam: booleanParamSchema.default(false) }),
    response: emptySchema,
    async handler({ input, actor, services }) {
      await removeThing(services, actor, input.id, input.spam);
      return {};
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/approve",
    scope: "modposts",
    auth: "required",
    summary: "Approve a post or comment: restores it if removed and resolves its open reports",
    tags,
    input: z.object({ id: thingId }),
    response: emptySchema,
    async handler({ input, actor, services }) {
      await approveThing(services, actor, input.id);
      return {};
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/lock",
    scope: "modposts",
    auth: "required",
    summary: "Lock a post: no new comments or votes",
    tags,
    input: lockInput,
    response: emptySchema,
    async handler({ input, actor, services }) {
      await setPostLocked(services, actor, input.id, true);
      return {};
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/unlock",
    scope: "modposts",
    auth: "required",
    summary: "Unlock a post",
    tags,
    input: lockInput,
    response: emptySchema,
    async handler({ input, actor, services }) {
      await setPostLocked(services, actor, input.id, false);
      return {};
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/set_subreddit_sticky",
    scope: "modposts",
    auth: "required",
    summary: "Sticky (state=True; num=1 for the top slot) or unsticky (state=False) a post; at most 2 per community (a third is 409)",
    tags,
    input: z.object({ id: postId, state: booleanParamSchema, num: stickyNumSchema }),
    response: formOkSchema,
    async handler({ input, actor, services }) {
      await setSticky(services, actor, input.id, { state: input.state, num: input.num as 1 | 2 | undefined });
      return formOk();
    },
  }),
  flagRoute("/api/marknsfw", "over18", true, "Mark a post nsfw (over_18): its author or a moderator"),
  flagRoute("/api/unmarknsfw", "over18", false, "Take a post's nsfw mark off: its author or a moderator"),
  flagRoute("/api/spoiler", "spoiler", true, "Mark a post as a spoiler: its author or a moderator"),
  flagRoute("/api/unspoiler", "spoiler", false, "Take a post's spoiler mark off: its author or a moderator"),
];

/** PRAW's submission.mod.nsfw() / sfw() / spoiler() / unspoiler(). */
function flagRoute(path: string, flag: PostFlag, on: boolean, summary: string) {
  return defineRoute({
    method: "POST",
    path,
    scope: "modposts",
    auth: "required",
    summary,
    tags,
    input: lockInput,
    response: emptySchema,
    async handler({ input, actor, services }) {
      await setPostFlag(services, actor, input.id, flag, on);
      return {};
    },
  });
}
