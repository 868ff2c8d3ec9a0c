/**
 * Abuse limits as settings. Every rate-limited action (register, login, createCommunity,
 * submit, comment, vote, report) has a limit per account and one per client address, each "at
 * most `count` per `windowSeconds`" or null (unlimited). The values come from one `Limits`
 * provider: the environment today (packages/config), the live config (rateLimits) when a
 * process has one, with the environment as its fallback.
 */
import type { Limit, LiveConfigDoc, RateLimitedAction } from "./live-config.js";

export type { Limit, RateLimitedAction };

export interface ActionLimits {
  perAccount: Limit;
  perAddress: Limit;
}

/** Every action's limits: the shape of the live config's `rateLimits`. */
export type RateLimitSettings = LiveConfigDoc["rateLimits"];

/** The one reader of rate-limit settings. Read it where a limit is applied, every time (cheap). */
export interface Limits {
  of(action: RateLimitedAction): ActionLimits;
}

/** Fixed settings (the environment's). */
export function staticLimits(settings: RateLimitSettings): Limits {
  return { of: (action) => settings[action] };
}

/** What liveLimits needs of a live config: the document in force and its version. */
export interface LiveRateLimitSource {
  current(): Pick<LiveConfigDoc, "rateLimits">;
  /** version 0: no document was ever written, whether ZooKeeper said so or no one could be asked. */
  status(): { version: number };
}

/**
 * The live config's limits once a document is in force (version 1 on); until then (nothing
 * written to ZooKeeper, so the built-in defaults at version 0, from ZooKeeper, disk or neither)
 * the fallback's, so the environment keeps deciding.
 */
export function liveLimits(live: LiveRateLimitSource, fallback: Limits): Limits {
  return { of: (action) => (live.status().version === 0 ? fallback.of(action) : live.current().rateLimits[action]) };
}
