import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitError, nameKey } from "@hivemind/core";

/**
 * Failed password checks allowed before logins are refused for a while:
 * per account name (stops guessing one password from many addresses) and per
 * client IP (stops trying many accounts from one address). A success clears
 * the account's count. Counts live in Postgres (ratelimit.login_attempts,
 * created by a migration), so every web process shares them.
 *
 * The account key is the lowercased name whether or not the account exists,
 * so the limit itself does not reveal which names are taken.
 */
export const LOGIN_LIMITS = {
  account: { points: 5, durationSeconds: 15 * 60 },
  ip: { points: 50, durationSeconds: 15 * 60 },
} as const;

export interface LoginLimiter {
  /** Throws RateLimitError (429) while either the account or the IP is blocked. */
  check(name: string, ip: string): Promise<void>;
  /** Counts one failed attempt against both. */
  fail(name: string, ip: string): Promise<void>;
  /** Clears the account's count after a successful login. */
  succeed(name: string): Promise<void>;
}

function limiter(pool: pg.Pool, keyPrefix: string, limits: { points: number; durationSeconds: number }) {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    schemaName: "ratelimit",
    tableName: "login_attempts",
    tableCreated: true,
    keyPrefix,
    points: limits.points,
    duration: limits.durationSeconds,
  });
}

const limiters = new WeakMap<pg.Pool, LoginLimiter>();

/** The login limiter over a pool (one per pool, so tests with their own database get their own). */
export function loginLimiter(pool: pg.Pool): LoginLimiter {
  const existing = limiters.get(pool);
  if (existing) return existing;
  const account = limiter(pool, "login_account", LOGIN_LIMITS.account);
  const ip = limiter(pool, "login_ip", LOGIN_LIMITS.ip);

  const created: LoginLimiter = {
    async check(name, address) {
      const [a, i] = await Promise.all([account.get(nameKey(name)), ip.get(address)]);
      const waits: number[] = [];
      if (a && a.consumedPoints >= LOGIN_LIMITS.account.points) waits.push(a.msBeforeNext);
      if (i && i.consumedPoints >= LOGIN_LIMITS.ip.points) waits.push(i.msBeforeNext);
      if (waits.length > 0) throw new RateLimitError(Math.max(...waits) / 1000, undefined, { field: "ratelimit" });
    },
    async fail(name, address) {
      try {
        await Promise.all([account.consume(nameKey(name)), ip.consume(address)]);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw new RateLimitError(err.msBeforeNext / 1000, undefined, { field: "ratelimit" });
        throw err;
      }
    },
    async succeed(name) {
      await account.delete(nameKey(name));
    },
  };
  limiters.set(pool, created);
  return created;
}
