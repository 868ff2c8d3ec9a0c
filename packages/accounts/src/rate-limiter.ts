import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimitError, type Limit, type Limits, type RateLimitedAction } from "@hivemind/core";

/** Who is acting: the account (absent for register) and the client address. */
export interface RateLimitSubject {
  /** A stable key of the account: its id, or for login its lowercased name. */
  account?: string | undefined;
  address: string;
}

/** One counted attempt; refund() gives its points back (a login that succeeded). */
export interface Charge {
  refund(scope?: "perAccount" | "perAddress"): Promise<void>;
}

export interface ActionLimiter {
  /**
   * Counts one attempt of `action` against the account and the address, atomically in
   * Postgres, before the work is done: concurrent attempts cannot all pass a check that reads
   * a count. Throws RateLimitError (RATELIMIT, field `ratelimit`) when either allowance is
   * spent; a refused attempt is not counted against the other scope.
   */
  consume(action: RateLimitedAction, who: RateLimitSubject): Promise<Charge>;
  /** Forgets an account's count (a successful login clears its failures). */
  reset(action: RateLimitedAction, account: string): Promise<void>;
}

type Scope = "perAccount" | "perAddress";

/**
 * Counts live in Postgres (ratelimit.actions), so every API process shares them. Limits are
 * read from `limits` at every attempt; a changed limit gets a limiter of its own (same keys,
 * so counts carry over).
 */
export function createActionLimiter(pool: pg.Pool, limits: Limits): ActionLimiter {
  const byLimit = new Map<string, RateLimiterPostgres>();
  function limiterFor(action: RateLimitedAction, scope: Scope, limit: NonNullable<Limit>): RateLimiterPostgres {
    const id = `${action}:${scope}:${limit.count}:${limit.windowSeconds}`;
    let l = byLimit.get(id);
    if (!l) {
      l = new RateLimiterPostgres({
        storeClient: pool,
        storeType: "pool",
        schemaName: "ratelimit",
        tableName: "actions",
        tableCreated: true,
        keyPrefix: `${action}_${scope === "perAccount" ? "account" : "address"}`,
        points: limit.count,
        duration: limit.windowSeconds,
      });
      byLimit.set(id, l);
    }
    return l;
  }

  return {
    async consume(action, who) {
      const applied = limits.of(action);
      const parts: { scope: Scope; limiter: RateLimiterPostgres; key: string }[] = [];
      if (applied.perAccount && who.account !== undefined) parts.push({ scope: "perAccount", limiter: limiterFor(action, "perAccount", applied.perAccount), key: who.account });
      if (applied.perAddress) parts.push({ scope: "perAddress", limiter: limiterFor(action, "perAddress", applied.perAddress), key: who.address });
      const results = await Promise.allSettled(parts.map((p) => p.limiter.consume(p.key)));
      const refusals = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
      if (refusals.length > 0) {
        const other = refusals.find((e) => !(e instanceof RateLimiterRes));
        // Give back what the refused attempt took from the scope that still had room.
        await Promise.all(parts.map((p, i) => (results[i]!.status === "fulfilled" ? p.limiter.reward(p.key, 1) : undefined)));
        if (other !== undefined) throw other;
        const waitMs = Math.max(...refusals.map((e) => (e as RateLimiterRes).msBeforeNext));
        throw new RateLimitError(waitMs / 1000, undefined, { field: "ratelimit" });
      }
      return {
        async refund(scope) {
          await Promise.all(parts.filter((p) => scope === undefined || p.scope === scope).map((p) => p.limiter.reward(p.key, 1)));
        },
      };
    },
    async reset(action, account) {
      const limit = limits.of(action).perAccount;
      if (limit) await limiterFor(action, "perAccount", limit).delete(account);
    },
  };
}
