import type { Command } from "commander";
import { seed } from "../seed/index.js";
import { parseSeedOptions, SeedRefusedError } from "../seed/options.js";
import { SEED_SIZES } from "../seed/plan.js";
import { progressBars } from "../seed/progress-bars.js";
import { formatSeedSummary } from "../seed/summary.js";

/** CLI flag names by option key, so validation errors name what the user typed. */
const FLAGS = { size: "--size", seed: "--seed", databaseUrl: "--database-url", ifEmpty: "--if-empty" };

/** `ops seed`: sample data. */
export function registerSeedCommand(program: Command): void {
  program
    .command("seed")
    .description("build a realistic sample site (Zipf-distributed activity) in an empty database")
    .option("--size <size>", `how much: ${SEED_SIZES.join(" | ")}`, "small")
    .option("--seed <n>", "PRNG seed: the same seed builds the same site", "1")
    .option("--database-url <url>", "Postgres URL (default: the configured one)")
    .option("--if-empty", "do nothing when the database already has users (instead of refusing)", false)
    .action(async (raw: Record<string, unknown>) => {
      const bars = progressBars();
      try {
        const options = parseSeedOptions(raw, FLAGS);
        const result = await seed({ ...options, onProgress: bars.listener });
        bars.stop();
        console.log(formatSeedSummary(result));
      } catch (err) {
        bars.stop();
        console.error(err instanceof SeedRefusedError ? `seed: ${err.message}` : err);
        process.exitCode = 1;
      }
    });
}
