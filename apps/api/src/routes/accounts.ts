import { z } from "zod";
import { NotFoundError, ValidationError, coded, loginPasswordSchema, passwordSchema, usernameSchema } from "@hivemind/core";
import { clearedSessionCookie, sessionCookie } from "../auth/cookies.js";
import { assertNotCrossSite } from "../auth/csrf.js";
import { changePassword, findUserByName, isUsernameAvailable, logIn, logOut, moderatesAny, registerAccount } from "@hivemind/accounts";
import { unreadCount, userByName } from "@hivemind/domain";
import { defineRoute, type RouteContext } from "../http/route.js";
import { accountThingSchema, meSchema, presentAccount, presentMe } from "@hivemind/present";
import { formOk, formOkSchema } from "./form-response.js";
import { jsonWithCookies, type ApiReply } from "../http/reply.js";
import type { ApiRequest } from "../http/request.js";

const tags = ["accounts"];

/**
 * Login/register answer. Deviation from reddit: no `cookie` in the body. The
 * session secret is set only as an HttpOnly cookie, so page scripts and logs
 * of response bodies never see it.
 */
const sessionOpenedSchema = z.object({
  json: z.object({ errors: z.array(z.never()), data: z.object({ modhash: z.literal(""), need_https: z.boolean(), name: z.string() }) }),
});

function sessionOpened(req: ApiRequest, name: string, token: string): ApiReply {
  return jsonWithCookies({ json: { errors: [], data: { modhash: "", need_https: false, name } } }, [sessionCookie(req, token)]);
}

const registerInput = z
  .object({
    user: usernameSchema,
    passwd: passwordSchema,
    passwd2: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.passwd2 !== undefined && v.passwd2 !== v.passwd) ctx.addIssue({ code: "custom", path: ["passwd2"], ...coded("BAD_PASSWORD", "passwords do not match") });
  });

const loginInput = z.object({
  user: z.string().trim().min(1, "a username is required").optional(),
  passwd: loginPasswordSchema,
});

async function login(ctx: RouteContext<z.output<typeof loginInput>>): Promise<ApiReply> {
  assertNotCrossSite(ctx.req);
  const name = ctx.path.user ?? ctx.input.user;
  if (!name) throw new ValidationError("a username is required", { code: "NO_TEXT", field: "user" });
  const { user, session } = await logIn(ctx.services, { name, password: ctx.input.passwd, ip: ctx.req.ip });
  return sessionOpened(ctx.req, user.name, session.token);
}

const changePasswordInput = z
  .object({
    curpass: loginPasswordSchema,
    newpass: passwordSchema,
    verpass: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.verpass !== undefined && v.verpass !== v.newpass) ctx.addIssue({ code: "custom", path: ["verpass"], ...coded("BAD_PASSWORD", "passwords do not match") });
  });

export const accountRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/register",
    scope: "none",
    rateLimit: "register",
    auth: "optional",
    tags,
    summary: "Create an account and log in (sets the session cookie)",
    input: registerInput,
    response: sessionOpenedSchema,
    async handler(ctx) {
      assertNotCrossSite(ctx.req);
      const { user, session } = await registerAccount(ctx.services, { name: ctx.input.user, password: ctx.input.passwd });
      return sessionOpened(ctx.req, user.name, session.token);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/login",
    scope: "none",
    auth: "optional",
    tags,
    summary: "Log in with user and passwd (sets the session cookie); rate-limited per account and per IP",
    input: loginInput,
    response: sessionOpenedSchema,
    handler: login,
  }),
  defineRoute({
    method: "POST",
    path: "/api/login/:user",
    scope: "none",
    auth: "optional",
    tags,
    summary: "Log in, the user name in the path",
    input: loginInput,
    response: sessionOpenedSchema,
    handler: login,
  }),
  defineRoute({
    method: "POST",
    path: "/api/logout",
    scope: "none",
    auth: "optional",
    tags,
    summary: "End the current session (cookie or bearer token) and clear the cookie",
    input: z.object({}),
    response: z.object({}),
    async handler(ctx) {
      if (ctx.actor) await logOut(ctx.services, ctx.actor.sessionId);
      return jsonWithCookies({}, [clearedSessionCookie(ctx.req)]);
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/change_password",
    scope: "account",
    auth: "required",
    tags,
    summary: "Change the password (curpass, newpass); ends every other session of the account",
    input: changePasswordInput,
    response: formOkSchema,
    async handler(ctx) {
      await changePassword(ctx.services, ctx.actor, { current: ctx.input.curpass, next: ctx.input.newpass, ip: ctx.req.ip, keepSessionId: ctx.actor.sessionId });
      return formOk();
    },
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/me",
    scope: "identity",
    auth: "required",
    tags,
    summary: "The logged-in account, as a flat dict",
    input: z.object({}),
    response: meSchema,
    async handler(ctx) {
      const user = await findUserByName(ctx.services, ctx.actor.name);
      if (!user) throw new NotFoundError("account not found", { code: "USER_DOESNT_EXIST" });
      const [isMod, unread] = await Promise.all([moderatesAny(ctx.services, user.id), unreadCount(ctx.services.db, user.id)]);
      return presentMe(user, { isMod, unread });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/user/:name/about",
    scope: "read",
    auth: "optional",
    tags,
    summary: "An account's public profile (t2)",
    input: z.object({}),
    response: accountThingSchema,
    async handler(ctx) {
      const user = await userByName(ctx.services.db, ctx.path.name ?? "", "name");
      return presentAccount(user, { isMod: await moderatesAny(ctx.services, user.id) });
    },
  }),
  defineRoute({
    method: "GET",
    path: "/api/username_available",
    scope: "none",
    auth: "none",
    tags,
    summary: "Whether a user name is free (a bare boolean)",
    input: z.object({ user: usernameSchema }),
    response: z.boolean(),
    async handler(ctx) {
      return isUsernameAvailable(ctx.services, ctx.input.user);
    },
  }),
];
