// `npm start`: stack up (nginx, the front tier, included) → migrations → sample data (first run)
// → build (pages, API bundle) → the site: API instances, page instances and the worker, supervised behind the
// front tier. Ctrl-C stops the apps; the stack keeps running (`npm run stack:down` stops it).
import { assertSafeForProduction, config } from "@hivemind/config";
import { runMigrations } from "./migrations.js";
import { Phases } from "./phases.js";
import { ensureStackUp } from "./stack.js";
import { buildApps, startSite, type Site } from "./site.js";

const phases = new Phases();
const cfg = config();
assertSafeForProduction(cfg);
let site: Site | undefined;
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the apps…`);
  void (site?.stop() ?? Promise.resolve()).then(() => console.log("apps stopped; the stack keeps running (npm run stack:down stops it)"));
};
try {
  await phases.run("stack up", () => ensureStackUp({ cfg }));
  await phases.run("migrations", () => runMigrations(cfg, (l) => console.log(l)));
  await phases.run("sample data", async () => {
    const { seed, progressBars, formatSeedSummary } = await import("@hivemind/ops/seed");
    const bars = progressBars();
    const result = await seed({ size: "small", ifEmpty: true, databaseUrl: cfg.postgres.url, onProgress: bars.listener }).finally(() => bars.stop());
    console.log(result.skipped ? "the database already has users: sample data left as it is" : formatSeedSummary(result));
  });
  await phases.run("build", buildApps);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal));
  site = await phases.run("site", () => startSite(cfg, { echo: true, log: (l) => console.log(l) }));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  console.log(phases.summary());
}
if (site) {
  const apps = site.instances();
  console.log(`\nhivemind is serving ${site.url}  (${apps.map((a) => `${a.name}${a.port ? ` :${a.port}` : ""}`).join(", ")}; logs in ${cfg.stateDir}/sites/main)`);
  console.log("Ctrl-C stops the apps; the stack keeps running. npm run stack:status lists every process.");
  console.log((await import("@hivemind/ops/seed")).adminPasswordSummary(cfg.stateDir));
  if (stopping) await site.stop();
}
