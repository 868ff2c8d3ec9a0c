import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { CacheRing } from "@hivemind/cache";
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
   * Redis, before the work is done: concurrent attempts cannot all pass a check that reads
   * a count. Throws RateLimitError (RATELIMIT, field `ratelimit`) when either allowance is
   * spent; a refused attempt is not counted against the other scope.
   */
  consume(action: RateLimitedAction, who: RateLimitSubject): Promise<Charge>;
  /** Forgets an account's count (a successful login clears its failures). */
  reset(action: RateLimitedAction, account: string): Promise<void>;
}

type Scope = "perAccount" | "perAddress";

/** Every abuse-limit counter's Redis key starts with this, then the limiter's namespace. */
export const RATE_LIMIT_KEY_PREFIX = "rl:";

/**
 * Counts live on the cache ring (reddit kept its rate limits in memcached): each counter is one
 * Redis key, `rl:<namespace><action>_<scope>:<who>` (the API uses `<database>:`, so the sites of
 * other databases on a shared ring, a benchmark's or a test's, never count against each other),
 * on the node the ring gives that key, incremented by an atomic script, so every API process
 * shares it and concurrent attempts cannot all pass. A node that is down or ejected costs the
 * limit its shared count, not its force: while it is out, each process counts in memory (the
 * insurance limiter), and a node that comes back is flushed, so its counts start over. Limits are read from `limits` at every attempt; a changed limit gets a
 * limiter of its own (same keys, so counts carry over).
 */
export function createActionLimiter(ring: Pick<CacheRing, "nodeClient">, limits: Limits, opts: { namespace?: string } = {}): ActionLimiter {
  const byLimit = new Map<string, RateLimiterAbstract>();
  const insurance = new Map<string, RateLimiterMemory>();
  function limiterFor(action: RateLimitedAction, scope: Scope, limit: NonNullable<Limit>, key: string): RateLimiterAbstract {
    const keyPrefix = `${RATE_LIMIT_KEY_PREFIX}${opts.namespace ?? ""}${action}_${scope === "perAccount" ? "account" : "address"}`;
    const limitId = `${keyPrefix}:${limit.count}:${limit.windowSeconds}`;
    let memory = insurance.get(limitId);
    if (!memory) insurance.set(limitId, (memory = new RateLimiterMemory({ keyPrefix, points: limit.count, duration: limit.windowSeconds })));
    // The key the library writes is `<keyPrefix>:<key>`: route that one.
    const node = ring.nodeClient(`${keyPrefix}:${key}`);
    if (!node) return memory;
    const id = `${limitId}@${node.id}`;
    let l = byLimit.get(id);
    if (!l) {
      l = new RateLimiterRedis({ storeClient: node.redis, keyPrefix, points: limit.count, duration: limit.windowSeconds, insuranceLimiter: memory, rejectIfRedisNotReady: true });
      byLimit.set(id, l);
    }
    return l;
  }

  return {
    async consume(action, who) {
      const applied = limits.of(action);
      const parts: { scope: Scope; limiter: RateLimiterAbstract; key: string }[] = [];
      if (applied.perAccount && who.account !== undefined) parts.push({ scope: "perAccount", limiter: limiterFor(action, "perAccount", applied.perAccount, who.account), key: who.account });
      if (applied.perAddress) parts.push({ scope: "perAddress", limiter: limiterFor(action, "perAddress", applied.perAddress, who.address), key: who.address });
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
      if (limit) await limiterFor(action, "perAccount", limit, account).delete(account);
    },
  };
}
