import { z } from "zod";
import { ForbiddenError, grantedScope } from "@hivemind/core";
import type { Actor } from "../auth/actor.js";
import { basicCredentials } from "../auth/basic.js";
import { ACCESS_TOKEN_TTL_SECONDS, createClient, deleteClient, listClients, passwordGrant, verifyClient } from "@hivemind/accounts";
import { defineRoute } from "../http/route.js";
import { ApiReply } from "../http/reply.js";

const tags = ["oauth"];

/** Managing credentials takes a person at a browser, not a token an app holds. */
function requireBrowserSession(actor: Actor): void {
  if (actor.via !== "cookie") throw new ForbiddenError("manage apps from a logged-in browser session", { field: "authorization" });
}

/** What prawcore reads from a token answer: access_token, expires_in, scope (token_type is ignored). */
const tokenSchema = z.object({
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_in: z.number().int(),
  scope: z.string(),
});
/** OAuth2 error answer (RFC 6749 §5.2); prawcore raises OAuthException(error, error_description). */
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional(), fields: z.array(z.string()).optional() });

function oauthError(status: number, error: string, extra: { description?: string; field?: string; headers?: Record<string, string> } = {}): ApiReply {
  const body: z.infer<typeof oauthErrorSchema> = { error };
  if (extra.description) body.error_description = extra.description;
  if (extra.field) body.fields = [extra.field];
  return new ApiReply(body, status, extra.headers);
}

const tokenInput = z.object({
  grant_type: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  scope: z.string().optional(),
  otp: z.string().optional(),
});

const appSchema = z.object({ client_id: z.string(), name: z.string(), type: z.literal("script"), created_utc: z.number() });
const appNameInput = z.object({ name: z.string().trim().min(1, "the app needs a name").max(100, "name is too long (max: 100)").default("script") });

export const oauthRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/v1/access_token",
    scope: "none",
    auth: "none",
    tags,
    summary:
      "OAuth2 token endpoint for script apps: HTTP Basic client_id:client_secret, grant_type=password. " +
      "Answers 200 with the token (scope: the granted scopes, `*` when none asked), or 200 {error: invalid_grant | unsupported_grant_type | invalid_scope} as reddit does; 401 invalid_client for bad client credentials.",
    input: tokenInput,
    response: z.union([tokenSchema, oauthErrorSchema]),
    errorResponse: oauthErrorSchema,
    async handler(ctx) {
      const creds = basicCredentials(ctx.req);
      const client = creds ? await verifyClient(ctx.services, creds.clientId, creds.secret) : null;
      if (!client) return oauthError(401, "invalid_client", { headers: { "www-authenticate": 'Basic realm="reddit"' } });
      if (ctx.input.grant_type !== "password") return oauthError(200, "unsupported_grant_type");
      if (!ctx.input.username) return oauthError(400, "invalid_request", { description: "username is required", field: "username" });
      if (!ctx.input.password) return oauthError(400, "invalid_request", { description: "password is required", field: "password" });
      // reddit's scopes, space- or comma-separated; none asked for means `*`.
      const scope = grantedScope(ctx.input.scope);
      if (scope === null) return oauthError(200, "invalid_scope", { field: "scope" });
      const result = await passwordGrant(ctx.services, { client, username: ctx.input.username, password: ctx.input.password, ip: ctx.req.ip, scope });
      if (result.ok) {
        const token: z.infer<typeof tokenSchema> = { access_token: result.accessToken, token_type: "bearer", expires_in: ACCESS_TOKEN_TTL_SECONDS, scope: result.scope };
        return token;
      }
      if (result.error === "ratelimit") {
        return oauthError(429, "ratelimit", { description: result.message, field: "ratelimit", headers: { "retry-after": String(result.retryAfterSeconds) } });
      }
      return oauthError(200, result.error);
    },
  }),
  defineRoute({
    method: "GET",
    path: "/api/v1/apps",
    scope: "account",
    auth: "required",
    tags,
    summary: "The caller's script apps (never their secrets)",
    input: z.object({}),
    response: z.object({ apps: z.array(appSchema) }),
    async handler(ctx) {
      const clients = await listClients(ctx.services, ctx.actor.userId);
      return { apps: clients.map((c) => ({ client_id: c.clientId, name: c.name, type: "script" as const, created_utc: Math.floor(c.createdAt.getTime() / 1000) })) };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/api/v1/apps",
    scope: "account",
    auth: "required",
    tags,
    summary: "Create a script app (browser session only); the answer is the only time client_secret is shown",
    input: appNameInput,
    response: appSchema.extend({ client_secret: z.string() }),
    async handler(ctx) {
      requireBrowserSession(ctx.actor);
      const c = await createClient(ctx.services, ctx.actor, { name: ctx.input.name });
      return { client_id: c.clientId, client_secret: c.secret, name: c.name, type: "script" as const, created_utc: Math.floor(c.createdAt.getTime() / 1000) };
    },
  }),
  defineRoute({
    method: "DELETE",
    path: "/api/v1/apps/:client_id",
    scope: "account",
    auth: "required",
    tags,
    summary: "Delete one of the caller's script apps and revoke its tokens (browser session only)",
    input: z.object({}),
    response: z.object({}),
    async handler(ctx) {
      requireBrowserSession(ctx.actor);
      await deleteClient(ctx.services, ctx.actor, ctx.path.client_id ?? "");
      return {};
    },
  }),
];
