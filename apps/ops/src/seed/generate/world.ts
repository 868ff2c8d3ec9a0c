import type { CommunityDirectory } from "../community-directory.js";
import type { SeedContext } from "../context.js";
import type { Population } from "../population.js";
import type { Random } from "../random.js";

/** A generator's view once users and communities exist. */
export interface World {
  ctx: SeedContext;
  rng: Random;
  population: Population;
  communities: CommunityDirectory;
}

/** Rows generated so far by one phase, by table (for progress). */
export type RowCounts = Record<string, number>;

export function countRow(counts: RowCounts, table: string, n = 1): void {
  counts[table] = (counts[table] ?? 0) + n;
}
