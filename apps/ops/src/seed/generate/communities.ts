import { nameKey } from "@hivemind/core";
import { KNOWN_ACCOUNTS } from "../accounts.js";
import { CommunityDirectory } from "../community-directory.js";
import type { SeedContext } from "../context.js";
import { timestamp } from "../copy-writer.js";
import { communityIdentities } from "../names.js";
import type { Population } from "../population.js";
import { PhaseProgress } from "../progress.js";
import type { Random } from "../random.js";
import { DURATION } from "../timeline.js";

/**
 * Communities with their creators and moderators, then everyone's
 * subscriptions. Subscriber counts are tallied here and written by the counts
 * phase, so they equal the subscriptions table.
 */
export async function generateCommunities(ctx: SeedContext, population: Population): Promise<CommunityDirectory> {
  const rng = ctx.rng.fork("communities");
  const directory = new CommunityDirectory(communityIdentities(ctx.plan.communities, rng.fork("names")));
  const progress = new PhaseProgress(ctx.onProgress, "communities", "users subscribed", population.size);

  const foundings = directory.identities.map(() => ctx.timeline.founding(rng)).sort((a, b) => a - b);
  directory.identities.forEach((identity, community) => {
    const createdAt = foundings[community] as number;
    const creator = population.sampleActive(rng);
    const id = ctx.ids.communities.at(createdAt);
    directory.ids.push(id);
    directory.createdAt.push(createdAt);
    directory.moderators.push([creator]);
    const { name, title, description } = identity;
    ctx.sink.add("communities", [id, name, nameKey(name), title, description, population.id(creator), timestamp(createdAt)]);
    ctx.sink.add("moderators", [id, population.id(creator), null, timestamp(createdAt)]);
    addModerators(ctx, rng, directory, population, community, rng.int(0, 4));
  });
  addKnownModerators(ctx, rng, directory, population);

  for (let user = 0; user < population.size; user++) {
    subscribe(ctx, rng, directory, population, user);
    if (user % 1000 === 999) await ctx.sink.maybeFlush();
    progress.report(user + 1);
  }
  await ctx.sink.drain();
  return directory;
}

function addModerators(ctx: SeedContext, rng: Random, directory: CommunityDirectory, population: Population, community: number, count: number): void {
  const mods = directory.moderatorsOf(community);
  const creator = mods[0] as number;
  for (let tries = 0; tries < count * 4 && mods.length < count + 1; tries++) {
    const user = population.sampleActive(rng);
    if (mods.includes(user)) continue;
    addModerator(ctx, rng, directory, population, community, user, creator);
  }
}

function addModerator(ctx: SeedContext, rng: Random, directory: CommunityDirectory, population: Population, community: number, user: number, addedBy: number): void {
  directory.moderatorsOf(community).push(user);
  const at = ctx.timeline.after(rng, directory.createdAt[community] as number, 5 * DURATION.DAY);
  ctx.sink.add("moderators", [directory.id(community), population.id(user), population.id(addedBy), timestamp(at)]);
}

function addKnownModerators(ctx: SeedContext, rng: Random, directory: CommunityDirectory, population: Population): void {
  KNOWN_ACCOUNTS.forEach((account, user) => {
    if (!account.moderates) return;
    const community = directory.indexOf(account.moderates);
    if (community < 0) throw new Error(`${account.name} should moderate r/${account.moderates}, which the plan does not create`);
    const mods = directory.moderatorsOf(community);
    if (!mods.includes(user)) addModerator(ctx, rng, directory, population, community, user, mods[0] as number);
  });
}

/** A user's subscriptions: a few communities, popular ones more often; known accounts get the first few. */
function subscribe(ctx: SeedContext, rng: Random, directory: CommunityDirectory, population: Population, user: number): void {
  const wanted = Math.min(directory.size, 1 + Math.floor(rng.exponential(ctx.plan.meanSubscriptionsPerUser - 1)));
  const chosen = new Set<number>();
  if (user < KNOWN_ACCOUNTS.length) for (let c = 0; c < Math.min(6, directory.size); c++) chosen.add(c);
  while (chosen.size < wanted) chosen.add(rng.chance(0.7) ? directory.samplePopular(rng) : rng.int(0, directory.size));
  for (const community of chosen) {
    directory.subscribers[community] = (directory.subscribers[community] as number) + 1;
    const at = ctx.timeline.after(rng, directory.createdAt[community] as number, 20 * DURATION.DAY);
    ctx.sink.add("subscriptions", [population.id(user), directory.id(community), timestamp(at)]);
  }
}
