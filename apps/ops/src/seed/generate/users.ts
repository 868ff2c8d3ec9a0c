import { nameKey } from "@hivemind/core";
import { hashPassword } from "@hivemind/accounts";
import { config } from "@hivemind/config";
import { ADMIN_PASSWORD, KNOWN_ACCOUNTS, PLACEHOLDER_PASSWORD_HASH } from "../accounts.js";
import { adminPassword } from "../admin-password.js";
import type { SeedContext } from "../context.js";
import { timestamp } from "../copy-writer.js";
import { usernames } from "../names.js";
import { Population } from "../population.js";
import { PhaseProgress } from "../progress.js";

/** Users: the known accounts first (indexes 0..), then generated names; sign-ups predate all activity. */
export async function generateUsers(ctx: SeedContext): Promise<Population> {
  const rng = ctx.rng.fork("users");
  const total = ctx.plan.users;
  const population = new Population(total, rng.fork("activity"));
  const progress = new PhaseProgress(ctx.onProgress, "users", "users", total);
  const taken = new Set(KNOWN_ACCOUNTS.map((a) => nameKey(a.name)));
  const names = [...KNOWN_ACCOUNTS.map((a) => a.name), ...usernames(total - KNOWN_ACCOUNTS.length, rng.fork("names"), taken)];
  const knownHashes = await Promise.all(KNOWN_ACCOUNTS.map((a) => hashPassword(a.password === ADMIN_PASSWORD ? adminPassword(config().stateDir) : a.password)));

  // Ids must follow sign-up times, so draw the times first.
  const signUps = Array.from({ length: total }, () => ctx.timeline.signUp(rng));
  for (let user = 0; user < total; user++) {
    const createdAt = signUps[user] as number;
    const name = names[user] as string;
    const id = ctx.ids.users.at(createdAt);
    population.ids[user] = id;
    population.names.push(name);
    const known = KNOWN_ACCOUNTS[user];
    const passwordHash = known ? (knownHashes[user] as string) : PLACEHOLDER_PASSWORD_HASH;
    ctx.sink.add("users", [id, name, nameKey(name), passwordHash, known?.isAdmin ?? false, timestamp(createdAt), timestamp(createdAt)]);
    if (user % 1000 === 999) await ctx.sink.maybeFlush();
    progress.report(user + 1);
  }
  await ctx.sink.drain();
  return population;
}
