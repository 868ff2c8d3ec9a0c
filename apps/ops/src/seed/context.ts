import type { RowSink } from "./copy-writer.js";
import type { SeedIds } from "./ids.js";
import type { SeedPlan } from "./plan.js";
import type { SeedProgressListener } from "./progress.js";
import type { Random } from "./random.js";
import type { Timeline } from "./timeline.js";

/** What every generator gets: the plan, its random stream, the clock, id spaces and where rows go. */
export interface SeedContext {
  plan: SeedPlan;
  rng: Random;
  timeline: Timeline;
  ids: SeedIds;
  sink: RowSink;
  onProgress: SeedProgressListener | undefined;
}
