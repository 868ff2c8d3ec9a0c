import { timestamp } from "../copy-writer.js";
import { KIND_POST } from "../tables.js";
import { DURATION } from "../timeline.js";
import type { ThingRef } from "./mod-records.js";
import { countRow, type RowCounts, type World } from "./world.js";

/** A thing's counts as the tally would have them: ups/downs over the votes table (the author's own upvote included). */
export interface VoteTally {
  ups: number;
  downs: number;
}

/**
 * The author's own upvote (reddit's "score starts at 1") and `count` votes
 * from distinct other users, each written with counted_dir = dir, so the tally
 * has nothing left to count. Some voters save the thing, some downvoters hide
 * a post; a few votes were cleared (dir 0), which count neither way.
 */
export function castVotes(world: World, counts: RowCounts, thing: ThingRef, count: number): VoteTally {
  const { ctx, rng, population } = world;
  const tally: VoteTally = { ups: 1, downs: 0 };
  ctx.sink.add("votes", [thing.id, population.id(thing.author), thing.kind, 1, 1, timestamp(thing.createdAt)]);
  const upRatio = rng.chance(0.05) ? 0.42 + rng.next() * 0.16 : 0.6 + 0.38 * Math.sqrt(rng.next());
  const voters = population.distinctOthers(rng, count, thing.author);
  for (const voter of voters) {
    const dir = rng.chance(0.02) ? 0 : rng.next() < upRatio ? 1 : -1;
    const at = ctx.timeline.after(rng, thing.createdAt, 8 * DURATION.HOUR);
    const userId = population.id(voter);
    ctx.sink.add("votes", [thing.id, userId, thing.kind, dir, dir, timestamp(at)]);
    if (dir === 1) tally.ups++;
    else if (dir === -1) tally.downs++;
    if (dir === 1 && rng.chance(0.01)) {
      ctx.sink.add("saved", [userId, thing.id, thing.kind, timestamp(ctx.timeline.after(rng, at, DURATION.HOUR))]);
      countRow(counts, "saved");
    } else if (dir === -1 && thing.kind === KIND_POST && rng.chance(0.05)) {
      ctx.sink.add("hidden", [userId, thing.id, thing.kind, timestamp(ctx.timeline.after(rng, at, DURATION.MINUTE))]);
      countRow(counts, "hidden");
    }
  }
  countRow(counts, "votes", voters.length + 1);
  return tally;
}
