import { HivemindError } from "@hivemind/core";
import { log } from "../logger.js";
import { ApiReply } from "./reply.js";

/**
 * One table from error to HTTP answer. Bodies carry every shape reddit's clients read:
 * `reason/explanation/fields` (PRAW turns a 400 with these into RedditAPIException),
 * `json.errors` triples, and `error/message`. 401s carry the WWW-Authenticate header prawcore
 * needs to tell an invalid token from a crash. Internal errors never leak their message.
 */
export function errorReply(err: unknown): ApiReply {
  if (err instanceof HivemindError) {
    const field = err.field ?? "";
    const headers: Record<string, string> = {};
    if (err.status === 401) headers["www-authenticate"] = 'Bearer realm="reddit", error="invalid_token"';
    const retryAfter = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (err.status === 429 && retryAfter !== undefined) headers["retry-after"] = String(Math.ceil(retryAfter));
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
  log.error({ err }, "unhandled error in API route");
  return new ApiReply({ error: 500, message: "Internal Server Error", reason: "INTERNAL", explanation: "internal error", fields: [""] }, 500);
}
