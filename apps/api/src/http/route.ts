import type { z } from "zod";
import type { OAuthScope, RateLimitedAction } from "@hivemind/core";
import type { Params } from "./params.js";
import type { Actor } from "../auth/actor.js";
import type { AppServices } from "../services.js";
import type { ApiRequest } from "./request.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteContext<Input> {
  req: ApiRequest;
  input: Input;
  /** Path parameters, e.g. { name } for /r/:name/about. */
  path: Record<string, string>;
  actor: Actor | null;
  services: AppServices;
}

export interface RouteContextAuthed<Input> extends RouteContext<Input> {
  actor: Actor;
}

interface RouteBase<S extends z.ZodType> {
  method: HttpMethod;
  /**
   * The canonical path (no `.json`, no trailing slash), e.g. "/r/:name/about"; `{/:x}` marks an
   * optional trailing segment.
   */
  path: string;
  input: S;
  /** Documents the route in /api/openapi.json. */
  summary: string;
  /** The success body's schema: documented in /api/openapi.json, checked by the tests. */
  response: z.ZodType;
  /** The 4xx body's schema when it is not the standard error body (e.g. the OAuth token endpoint's RFC 6749 errors). */
  errorResponse?: z.ZodType;
  tags?: string[];
  /**
   * The OAuth scope a bearer token needs for this route (reddit's; `*` tokens have all), or
   * "none" for routes open to any token. A function of the input when it depends on it (ban vs
   * moderator). Missing: only `*` tokens pass (a test checks every route declares one).
   * Browser sessions are not scoped.
   */
  scope?: OAuthScope | "none" | ((input: never) => OAuthScope);
  /**
   * The abuse limit counted, per account and per client address, before the handler runs (a
   * refused request does no work). A function of the input when only some requests count
   * (creating a community, not updating one).
   */
  rateLimit?: RateLimitedAction | ((input: never) => RateLimitedAction | null);
}

export interface PublicRoute<S extends z.ZodType> extends RouteBase<S> {
  auth: "none" | "optional";
  handler(ctx: RouteContext<z.output<S>>): Promise<unknown>;
}

export interface AuthedRoute<S extends z.ZodType> extends RouteBase<S> {
  auth: "required";
  handler(ctx: RouteContextAuthed<z.output<S>>): Promise<unknown>;
}

export type Route = PublicRoute<z.ZodType> | AuthedRoute<z.ZodType>;

/** Route handlers return a plain value (sent as JSON 200) or an ApiReply. */
export function defineRoute<S extends z.ZodType>(route: PublicRoute<S> | AuthedRoute<S>): Route {
  return route as unknown as Route;
}

export type { Params };
