// `npm start`: stack up → migrations → (seed data and the site: not built yet).
import { config } from "@hivemind/config";
import { runMigrations } from "./migrations.js";
import { Phases } from "./phases.js";
import { ensureStackUp } from "./stack.js";

const phases = new Phases();
const cfg = config();
try {
  await phases.run("stack up", () => ensureStackUp({ cfg }));
  await phases.run("migrations", () => runMigrations(cfg, (l) => console.log(l)));
  console.log("\nseeding and the web site are not wired in yet; the stack is up and migrated.");
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  console.log(phases.summary());
}
