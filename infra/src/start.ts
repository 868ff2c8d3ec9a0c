// `npm start`: stack up → migrations → sample data (first run) → web build → worker + web.
import { config } from "@hivemind/config";
import { runMigrations } from "./migrations.js";
import { Phases } from "./phases.js";
import { ensureStackUp } from "./stack.js";
import { buildWeb, runSite } from "./site.js";

const phases = new Phases();
const cfg = config();
let ready = false;
try {
  await phases.run("stack up", () => ensureStackUp({ cfg }));
  await phases.run("migrations", () => runMigrations(cfg, (l) => console.log(l)));
  await phases.run("sample data", async () => {
    const { seed, progressBars, formatSeedSummary } = await import("@hivemind/ops/seed");
    const bars = progressBars();
    const result = await seed({ size: "small", ifEmpty: true, databaseUrl: cfg.postgres.url, onProgress: bars.listener }).finally(() => bars.stop());
    console.log(result.skipped ? "the database already has users: sample data left as it is" : formatSeedSummary(result));
  });
  await phases.run("web build", buildWeb);
  ready = true;
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  console.log(phases.summary());
}
if (ready) process.exitCode = await runSite(cfg);
