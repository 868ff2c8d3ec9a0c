import { formatFullname } from "@hivemind/core";
import { timestamp } from "../copy-writer.js";
import { KIND_POST } from "../tables.js";
import { DURATION } from "../timeline.js";
import { REPORT_REASONS } from "../vocabulary.js";
import { countRow, type RowCounts, type World } from "./world.js";

/** A thing a moderator acted on or a user reported. */
export interface ThingRef {
  id: bigint;
  /** KIND_POST or KIND_COMMENT. */
  kind: number;
  community: number;
  author: number;
  createdAt: number;
}

export function fullnameOf(thing: ThingRef): string {
  return formatFullname(thing.kind === KIND_POST ? "t3" : "t1", thing.id);
}

/** One mod log row; `details` is stored the way apps/web writes it ({"details","description"} JSON). */
export function recordModAction(
  world: World,
  counts: RowCounts,
  entry: { community: number; moderator: number; action: string; at: number; target?: ThingRef; targetAuthor?: number; details?: string; description?: string },
): void {
  const { ctx, population, communities } = world;
  const targetAuthor = entry.target?.author ?? entry.targetAuthor;
  ctx.sink.add("mod_actions", [
    ctx.ids.modActions.at(entry.at),
    communities.id(entry.community),
    population.id(entry.moderator),
    entry.action,
    entry.target ? fullnameOf(entry.target) : null,
    targetAuthor === undefined ? null : population.id(targetAuthor),
    JSON.stringify({ details: entry.details ?? null, description: entry.description ?? null }),
    timestamp(entry.at),
  ]);
  countRow(counts, "mod_actions");
}

/** With the given probability, someone (not the author) reports the thing; some reports are resolved by a moderator. */
export function maybeReport(world: World, counts: RowCounts, thing: ThingRef, probability: number): void {
  const { ctx, rng, population, communities } = world;
  if (!rng.chance(probability)) return;
  const reporter = population.sampleActive(rng);
  if (reporter === thing.author) return;
  const at = ctx.timeline.after(rng, thing.createdAt, 2 * DURATION.HOUR);
  const mods = communities.moderatorsOf(thing.community);
  const resolved = rng.chance(0.4) && mods.length > 0;
  const resolvedAt = resolved ? ctx.timeline.after(rng, at, 6 * DURATION.HOUR) : null;
  ctx.sink.add("reports", [
    ctx.ids.reports.at(at),
    thing.id,
    thing.kind,
    communities.id(thing.community),
    population.id(reporter),
    rng.pick(REPORT_REASONS),
    timestamp(at),
    resolvedAt === null ? null : timestamp(resolvedAt),
    resolved ? population.id(rng.pick(mods)) : null,
  ]);
  countRow(counts, "reports");
}
