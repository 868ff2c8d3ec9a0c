import { z } from "zod";
import { blockAuthorOf, blockUser, blockedAccounts } from "@hivemind/domain";
import { blockedAccountSchema, emptySchema, presentBlocked, userList } from "@hivemind/present";
import { defineRoute } from "../http/route.js";

const tags = ["blocks"];

/** Blocking accounts (reddit's block_user, block and prefs/blocked); unblocking is unfriend with type=enemy (moderation-relationships.ts). */
export const blockRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/block_user",
    scope: "account",
    auth: "required",
    tags,
    summary: "Block an account (name): its messages and replies no longer reach your inbox (PRAW's redditor.block())",
    input: z.object({ name: z.string({ error: "name the account to block (name)" }).default("") }),
    response: blockedAccountSchema,
    async handler({ input, actor, services }) {
      return presentBlocked(await blockUser(services, actor, input.name));
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/block",
    scope: "privatemessages",
    auth: "required",
    tags,
    summary: "Block the author of a message or comment in your inbox (id: a t4_/t1_ fullname; PRAW's message.block())",
    input: z.object({ id: z.string().default("") }),
    response: emptySchema,
    async handler({ input, actor, services }) {
      await blockAuthorOf(services, actor, input.id);
      return {};
    },
  }),
  defineRoute({
    method: "GET",
    path: "/prefs/blocked",
    scope: "read",
    auth: "required",
    tags,
    summary: "The accounts you have blocked, most recent first (PRAW's reddit.user.blocked())",
    input: z.object({}),
    response: z.object({ kind: z.literal("UserList"), data: z.object({ children: z.array(blockedAccountSchema) }) }),
    async handler({ actor, services }) {
      return userList((await blockedAccounts(services.db, actor)).map(presentBlocked));
    },
  }),
];
