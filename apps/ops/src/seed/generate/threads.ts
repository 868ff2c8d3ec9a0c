import type { CommunityDirectory } from "../community-directory.js";
import type { SeedContext } from "../context.js";
import { timestamp, yieldToEventLoop } from "../copy-writer.js";
import type { Population } from "../population.js";
import { PhaseProgress } from "../progress.js";
import { KIND_POST } from "../tables.js";
import { linkUrl, postTitle, selfPostBody, weeklyThread } from "../text.js";
import { DURATION } from "../timeline.js";
import { cappedShares, zipfWeights } from "../zipf.js";
import { generateComments } from "./comments.js";
import { maybeReport, recordModAction, type ThingRef } from "./mod-records.js";
import { castVotes } from "./votes.js";
import { countRow, type RowCounts, type World } from "./world.js";

/** Zipf exponents of post popularity: votes and comments per post by popularity rank. */
const POST_VOTES_EXPONENT = 1.0;
const POST_COMMENTS_EXPONENT = 0.9;

/**
 * Posts in time order, each written with its whole thread (comments, votes,
 * saves, hides, reports, mod log), so every count on the row is known before
 * the row is: ups/downs from the votes drawn, num_comments from the visible
 * comments. Popularity is a shuffled Zipf ranking; the vote and comment totals
 * are split over ranks with a per-thing cap (see cappedShares).
 */
export async function generateThreads(ctx: SeedContext, population: Population, communities: CommunityDirectory): Promise<RowCounts> {
  const rng = ctx.rng.fork("threads");
  const world: World = { ctx, rng, population, communities };
  const { plan } = ctx;
  const counts: RowCounts = {};
  const progress = new PhaseProgress(ctx.onProgress, "threads", "posts", plan.posts);

  const times = new Float64Array(plan.posts);
  for (let i = 0; i < plan.posts; i++) times[i] = ctx.timeline.postTime(rng);
  times.sort();
  const popularityRank = rng.permutation(plan.posts);
  const voteCap = population.maxDistinctVoters(plan.maxVotesPerThing);
  const votesByRank = cappedShares(zipfWeights(plan.posts, POST_VOTES_EXPONENT), plan.votes * plan.postVoteShare, voteCap);
  const commentsByRank = cappedShares(zipfWeights(plan.posts, POST_COMMENTS_EXPONENT), plan.comments, plan.maxCommentsPerPost);
  const meanCommentVotes = (plan.votes * (1 - plan.postVoteShare)) / plan.comments;

  for (let i = 0; i < plan.posts; i++) {
    const rank = popularityRank[i] as number;
    const votes = Math.min(voteCap, rng.roundStochastic(votesByRank[rank] as number));
    const comments = rng.roundStochastic(commentsByRank[rank] as number);
    generatePost(world, counts, times[i] as number, votes, comments, meanCommentVotes, voteCap);
    if (i % 16 === 15) {
      await ctx.sink.maybeFlush();
      await yieldToEventLoop();
    }
    progress.report(i + 1, counts);
  }
  await ctx.sink.drain();
  return counts;
}

function generatePost(world: World, counts: RowCounts, createdAt: number, votes: number, comments: number, meanCommentVotes: number, voteCap: number): void {
  const { ctx, rng, population, communities } = world;
  const community = communities.samplePopular(rng);
  const identity = communities.identity(community);
  const mods = communities.moderatorsOf(community);
  const sticky = !communities.hasSticky[community] && createdAt > ctx.timeline.latest - 7 * DURATION.DAY && mods.length > 0 && rng.chance(0.2);
  const author = sticky ? (mods[0] as number) : population.sampleActive(rng);
  const id = ctx.ids.things.at(createdAt);
  const thing: ThingRef = { id, kind: KIND_POST, community, author, createdAt };

  let title: string;
  let url: string | null = null;
  let domain = `self.${identity.name}`;
  let body = "";
  if (sticky) {
    communities.hasSticky[community] = true;
    ({ title, body } = weeklyThread(identity.name, rng));
  } else if (rng.chance(0.55)) {
    title = postTitle(identity.topic, rng);
    ({ url, domain } = linkUrl(identity.topic, title, rng));
  } else {
    title = postTitle(identity.topic, rng);
    body = selfPostBody(identity.topic, rng);
  }

  const tally = castVotes(world, counts, thing, votes);
  population.linkKarma[author] = (population.linkKarma[author] as number) + tally.ups - tally.downs - 1;
  const numComments = generateComments(world, counts, { id, community, createdAt }, comments, meanCommentVotes, voteCap);

  const removed = !sticky && rng.chance(0.015) && mods.length > 0;
  const deleted = !sticky && !removed && rng.chance(0.01);
  const locked = !sticky && mods.length > 0 && (rng.chance(0.005) || (removed && rng.chance(0.5)));
  const removedBy = removed ? rng.pick(mods) : undefined;
  const editedAt = url === null && !sticky && rng.chance(0.05) ? ctx.timeline.after(rng, createdAt, 2 * DURATION.HOUR) : null;
  ctx.sink.add("posts", [
    id,
    communities.id(community),
    population.id(author),
    title,
    url === null ? "self" : "link",
    url,
    domain,
    body,
    tally.ups,
    tally.downs,
    numComments,
    deleted,
    removed,
    removedBy === undefined ? null : population.id(removedBy),
    locked,
    sticky ? 1 : null,
    editedAt === null ? null : timestamp(editedAt),
    timestamp(createdAt),
  ]);
  countRow(counts, "posts");

  const modAt = ctx.timeline.after(rng, createdAt, 3 * DURATION.HOUR);
  if (sticky) recordModAction(world, counts, { community, moderator: author, action: "sticky", at: modAt, target: thing, details: "slot 1" });
  if (removedBy !== undefined) recordModAction(world, counts, { community, moderator: removedBy, action: "removelink", at: modAt, target: thing });
  if (locked) recordModAction(world, counts, { community, moderator: removedBy ?? rng.pick(mods), action: "lock", at: modAt, target: thing });
  maybeReport(world, counts, thing, removed ? 0.6 : 0.004);
}
