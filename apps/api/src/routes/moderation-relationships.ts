import { z } from "zod";
import { banDurationSchema, banNoteSchema, banReasonSchema, communityNameSchema, usernameSchema } from "@hivemind/core";
import { banUser, unbanUser, addModerator, removeModerator, unblockUser } from "@hivemind/domain";
import type { Actor } from "../auth/actor.js";
import type { AppServices } from "../services.js";
import { defineRoute } from "../http/route.js";
import { emptySchema } from "@hivemind/present";
import { formOk, formOkSchema } from "./form-response.js";

const tags = ["moderation"];

/** The relationship types hivemind supports (reddit also has contributor, muted, wikibanned…). */
const relationshipType = z.enum(["banned", "moderator"], { error: "type must be banned or moderator" });

const BAN_MESSAGE_MAX = 1000;

const friendFields = {
  name: usernameSchema,
  type: relationshipType,
  ban_reason: banReasonSchema.optional(),
  /** In the ban notice sent to the user's inbox. */
  ban_message: z.string().max(BAN_MESSAGE_MAX, `ban_message is too long (max: ${BAN_MESSAGE_MAX})`).optional(),
  note: banNoteSchema.optional(),
  /** Days; absent or "" = permanent. */
  duration: z.preprocess((v) => (v === "" ? undefined : v), banDurationSchema.optional()),
};
/** Unfriend also lifts a block (type=enemy, PRAW's redditor.unblock(), which names r/all). */
const unfriendFields = { name: usernameSchema, type: z.enum(["banned", "moderator", "enemy"], { error: "type must be banned, moderator or enemy" }) };
/** Without /r/{sub} in the path, the community comes in `r`. */
const withR = { r: communityNameSchema };

type FriendInput = z.output<z.ZodObject<typeof friendFields>>;
type UnfriendInput = z.output<z.ZodObject<typeof unfriendFields>>;

async function friend(services: AppServices, actor: Actor, communityName: string, input: FriendInput) {
  if (input.type === "banned") {
    await banUser(services, actor, { communityName, name: input.name, reason: input.ban_reason, note: input.note, durationDays: input.duration, message: input.ban_message });
  } else {
    await addModerator(services, actor, { communityName, name: input.name });
  }
  return formOk();
}

async function unfriend(services: AppServices, actor: Actor, communityName: string, input: UnfriendInput) {
  if (input.type === "enemy") await unblockUser(services, actor, input.name);
  else if (input.type === "banned") await unbanUser(services, actor, { communityName, name: input.name });
  else await removeModerator(services, actor, { communityName, name: input.name });
  return {};
}

/** reddit: bans are modcontributors, moderator changes modothers, one's own blocks account. */
function relationshipScope(input: { type: "banned" | "moderator" | "enemy" }) {
  return input.type === "enemy" ? ("account" as const) : input.type === "banned" ? ("modcontributors" as const) : ("modothers" as const);
}

const friendSummary = "Ban a user (type=banned: ban_reason, ban_message, duration days, note) or add a moderator (type=moderator)";
const unfriendSummary = "Unban a user (type=banned), remove a moderator (type=moderator), or unblock an account (type=enemy)";

/** Bans and moderators, through reddit's friend/unfriend endpoints (with the community in the path or in `r`). */
export const relationshipRoutes = [
  defineRoute({
    method: "POST",
    path: "/r/:sub/api/friend",
    scope: relationshipScope,
    auth: "required",
    summary: friendSummary,
    tags,
    input: z.object(friendFields),
    response: formOkSchema,
    handler: ({ input, actor, services, path }) => friend(services, actor, path.sub ?? "", input),
  }),
  defineRoute({
    method: "POST",
    path: "/api/friend",
    scope: relationshipScope,
    auth: "required",
    summary: `${friendSummary}; the community is \`r\``,
    tags,
    input: z.object({ ...friendFields, ...withR }),
    response: formOkSchema,
    handler: ({ input, actor, services }) => friend(services, actor, input.r, input),
  }),
  defineRoute({
    method: "POST",
    path: "/r/:sub/api/unfriend",
    scope: relationshipScope,
    auth: "required",
    summary: unfriendSummary,
    tags,
    input: z.object(unfriendFields),
    response: emptySchema,
    handler: ({ input, actor, services, path }) => unfriend(services, actor, path.sub ?? "", input),
  }),
  defineRoute({
    method: "POST",
    path: "/api/unfriend",
    scope: relationshipScope,
    auth: "required",
    summary: `${unfriendSummary}; the community is \`r\``,
    tags,
    input: z.object({ ...unfriendFields, ...withR }),
    response: emptySchema,
    handler: ({ input, actor, services }) => unfriend(services, actor, input.r, input),
  }),
];
