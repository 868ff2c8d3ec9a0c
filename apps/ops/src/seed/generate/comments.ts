import { timestamp } from "../copy-writer.js";
import { KIND_COMMENT } from "../tables.js";
import { commentBody } from "../text.js";
import { DURATION } from "../timeline.js";
import { maybeReport, recordModAction, type ThingRef } from "./mod-records.js";
import { castVotes } from "./votes.js";
import { countRow, type RowCounts, type World } from "./world.js";

/** Deepest reply the seeder builds (depth 0 is a top-level comment). */
export const MAX_COMMENT_DEPTH = 9;

interface CommentNode {
  id: bigint;
  createdAt: number;
  depth: number;
}

export interface ThreadPost {
  id: bigint;
  community: number;
  createdAt: number;
}

/**
 * `count` comments on a post, as a tree: about a third top-level, the rest
 * replies, half of them to the comment just before (which builds deep
 * chains). Earlier comments collect more votes (Zipf over the thread's order);
 * `meanVotes` is the thread's average, `voteCap` the most any comment gets.
 * Returns the number of visible (neither deleted nor removed) comments: the
 * post's num_comments.
 */
export function generateComments(world: World, counts: RowCounts, post: ThreadPost, count: number, meanVotes: number, voteCap: number): number {
  const { ctx, rng, population, communities } = world;
  const topic = communities.identity(post.community).topic;
  const mods = communities.moderatorsOf(post.community);
  let weightSum = 0;
  for (let j = 0; j < count; j++) weightSum += 1 / Math.pow(j + 1, 0.8);

  const nodes: CommentNode[] = [];
  let visible = 0;
  for (let j = 0; j < count; j++) {
    let parent = j === 0 || rng.chance(0.35) ? undefined : rng.chance(0.5) ? nodes[j - 1] : nodes[rng.int(0, j)];
    if (parent && parent.depth >= MAX_COMMENT_DEPTH) parent = undefined;
    const createdAt = ctx.timeline.after(rng, parent?.createdAt ?? post.createdAt, parent ? DURATION.HOUR : 3 * DURATION.HOUR);
    const depth = parent ? parent.depth + 1 : 0;
    const id = ctx.ids.things.at(createdAt);
    nodes.push({ id, createdAt, depth });

    const author = population.sampleActive(rng);
    const thing: ThingRef = { id, kind: KIND_COMMENT, community: post.community, author, createdAt };
    const votes = Math.min(voteCap, rng.roundStochastic((meanVotes * count) / Math.pow(j + 1, 0.8) / weightSum));
    const tally = castVotes(world, counts, thing, votes);
    population.commentKarma[author] = (population.commentKarma[author] as number) + tally.ups - tally.downs - 1;

    const removed = rng.chance(0.01) && mods.length > 0;
    const deleted = !removed && rng.chance(0.02);
    const removedBy = removed ? rng.pick(mods) : undefined;
    const editedAt = rng.chance(0.04) ? ctx.timeline.after(rng, createdAt, 30 * DURATION.MINUTE) : null;
    ctx.sink.add("comments", [
      id,
      post.id,
      parent?.id ?? null,
      communities.id(post.community),
      population.id(author),
      commentBody(topic, rng),
      depth,
      tally.ups,
      tally.downs,
      deleted,
      removed,
      removedBy === undefined ? null : population.id(removedBy),
      editedAt === null ? null : timestamp(editedAt),
      timestamp(createdAt),
    ]);
    countRow(counts, "comments");
    if (removedBy !== undefined) {
      const at = ctx.timeline.after(rng, createdAt, 3 * DURATION.HOUR);
      recordModAction(world, counts, { community: post.community, moderator: removedBy, action: "removecomment", at, target: thing });
    }
    maybeReport(world, counts, thing, removed ? 0.6 : 0.003);
    if (!removed && !deleted) visible++;
  }
  return visible;
}
