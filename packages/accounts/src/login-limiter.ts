import { nameKey } from "@hivemind/core";
import type { ActionLimiter } from "./rate-limiter.js";

/**
 * Login attempts allowed per account name (stops guessing one password from many addresses)
 * and per client address (stops trying many accounts from one address): the `login` limits of
 * the Limits provider. An attempt is counted BEFORE its password is checked, atomically in
 * Postgres, so a burst of parallel attempts cannot all reach the check; a refused attempt costs
 * no hash. A success clears the account's count and gives the address its point back, so only
 * failures add up.
 *
 * The account key is the lowercased name whether or not the account exists, so the limit
 * itself does not reveal which names are taken.
 */
export interface LoginAttempt {
  /** The password was right: clear the account's count and refund the address. */
  succeeded(): Promise<void>;
}

/** Counts one login attempt; throws RateLimitError (no password check may follow) when spent. */
export async function beginLoginAttempt(limiter: ActionLimiter, name: string, address: string): Promise<LoginAttempt> {
  const account = nameKey(name);
  const charge = await limiter.consume("login", { account, address });
  return {
    async succeeded() {
      await Promise.all([limiter.reset("login", account), charge.refund("perAddress")]);
    },
  };
}
