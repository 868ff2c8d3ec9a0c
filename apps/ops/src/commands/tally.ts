import cliProgress from "cli-progress";
import type { Command } from "commander";
import { config } from "@hivemind/config";
import { createCacheRing } from "@hivemind/cache";
import { invalidateThingCache } from "@hivemind/listings";
import { createPool } from "@hivemind/db";
import { recountUncounted, type RecountProgress } from "@hivemind/tally";
import { fail, printJson } from "./output.js";

export function registerTallyCommands(program: Command): void {
  const tally = program.command("tally").description("the counts derived from votes and comments (ups, downs, karma, comment counts)");
  tally
    .command("recount")
    .description("count from Postgres every vote the tally has not counted and fix wrong comment counts (after the broker lost events)")
    .option("--json", "print a JSON summary instead of a progress bar")
    .action(async (opts: { json?: boolean }) => {
      const json = Boolean(opts.json);
      const cfg = config();
      const pool = createPool({ url: cfg.postgres.url, applicationName: "hivemind-ops", max: 2 });
      const ring = createCacheRing({ nodes: cfg.redis.nodes, commandTimeoutMs: 2_000 });
      const bar = json ? undefined : new cliProgress.SingleBar({ format: "recount {phase} {bar} {value}/{total}", hideCursor: true }, cliProgress.Presets.shades_classic);
      let phase: RecountProgress["phase"] | undefined;
      const onProgress = (p: RecountProgress) => {
        if (!bar) return;
        if (p.phase !== phase) {
          if (phase) bar.stop();
          phase = p.phase;
          bar.start(p.total, p.done, { phase: p.phase.padEnd(8) });
        } else bar.update(p.done);
      };
      try {
        await ring.start();
        const result = await recountUncounted(pool, { onProgress, invalidateThings: (names) => invalidateThingCache(ring, names) });
        bar?.stop();
        if (json) printJson(result);
        else process.stdout.write(`counted ${result.votes} votes (${result.things} things changed) and recounted ${result.posts} posts' comments in ${result.ms} ms\n`);
      } catch (err) {
        bar?.stop();
        fail("tally recount", err, json);
      } finally {
        await ring.destroy();
        await pool.end();
      }
    });
}
