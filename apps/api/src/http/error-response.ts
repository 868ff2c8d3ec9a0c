import { HivemindError } from "@hivemind/core";
import { log } from "../logger.js";
import { ApiReply } from "./reply.js";

/**
 * One table from error to HTTP answer. Bodies carry every shape reddit's clients read:
 * `reason/explanation/fields` (PRAW turns a 400 with these into RedditAPIException),
 * `json.errors` triples, and `error/message`. 401s carry the WWW-Authenticate header prawcore
 * needs to tell an invalid token from a crash; a 403 for a token's missing scope carries reddit's
 * `error="insufficient_scope"`; RATELIMIT (400, see RateLimitError) carries Retry-After.
 * Internal errors never leak their message.
 */
export function errorReply(err: unknown, request?: { method: string; url: string }): ApiReply {
  if (err instanceof HivemindError) {
    const field = err.field ?? "";
    const headers: Record<string, string> = {};
    if (err.status === 401) headers["www-authenticate"] = 'Bearer realm="reddit", error="invalid_token"';
    // prawcore: this header on a 403 raises InsufficientScope (without it, Forbidden).
    if (err.code === "INSUFFICIENT_SCOPE") headers["www-authenticate"] = 'Bearer realm="reddit", error="insufficient_scope"';
    const retryAfter = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (err.code === "RATELIMIT" && retryAfter !== undefined) headers["retry-after"] = String(Math.ceil(retryAfter));
    const body = {
      error: err.status,
      message: err.message,
      reason: err.code,
      explanation: err.message,
      fields: [field],
      json: { errors: [[err.code, err.message, field]] },
    };
    return new ApiReply(body, err.status, headers);
  }
  log.error({ err, method: request?.method, url: request?.url.split("?")[0] }, "unhandled error in API route");
  return new ApiReply({ error: 500, message: "Internal Server Error", reason: "INTERNAL", explanation: "internal error", fields: [""] }, 500);
}
