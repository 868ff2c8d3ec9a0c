import type { CommunityDirectory } from "../community-directory.js";
import type { SeedContext } from "../context.js";
import { timestamp } from "../copy-writer.js";
import type { Population } from "../population.js";
import { PhaseProgress } from "../progress.js";
import { DURATION } from "../timeline.js";
import { BAN_REASONS } from "../vocabulary.js";
import { recordModAction } from "./mod-records.js";
import type { RowCounts, World } from "./world.js";

/** Bans: about one user in 200 banned from some community (bigger communities ban more), each with its mod log row. */
export async function generateBans(ctx: SeedContext, population: Population, communities: CommunityDirectory): Promise<RowCounts> {
  const rng = ctx.rng.fork("bans");
  const world: World = { ctx, rng, population, communities };
  const counts: RowCounts = {};
  const total = Math.max(1, Math.round(population.size / 200));
  const progress = new PhaseProgress(ctx.onProgress, "moderation", "bans", total);
  const banned = new Set<string>();
  for (let i = 0; i < total; i++) {
    const community = communities.samplePopular(rng);
    const user = rng.int(0, population.size);
    const mods = communities.moderatorsOf(community);
    const key = `${community}:${user}`;
    if (mods.length === 0 || mods.includes(user) || banned.has(key)) continue;
    banned.add(key);
    const moderator = rng.pick(mods);
    const at = Math.floor(ctx.timeline.latest - rng.next() * 30 * DURATION.DAY);
    const days = rng.chance(0.6) ? null : rng.pick([7, 30, 90, 365]);
    const reason = rng.pick(BAN_REASONS);
    ctx.sink.add("bans", [
      communities.id(community),
      population.id(user),
      population.id(moderator),
      reason,
      rng.chance(0.3) ? "see modmail" : "",
      days === null ? null : timestamp(at + days * DURATION.DAY),
      timestamp(at),
    ]);
    counts.bans = (counts.bans ?? 0) + 1;
    recordModAction(world, counts, { community, moderator, action: "banuser", at, targetAuthor: user, details: days === null ? "permanent" : `${days} days`, description: reason });
    progress.report(i + 1, counts);
  }
  progress.report(total, counts);
  await ctx.sink.drain();
  return counts;
}
