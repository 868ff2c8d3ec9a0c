// `npm test`: stack up → migrations → vitest (unit + integration projects).
// Extra arguments go to vitest: `npm test -- --project unit`, `npm test -- infra/test`.
import { spawn } from "node:child_process";
import { config, repoRoot } from "@hivemind/config";
import { runMigrations } from "./migrations.js";
import { Phases } from "./phases.js";
import { ensureStackUp } from "./stack.js";

function vitest(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["vitest", "run", ...args], { cwd: repoRoot, stdio: "inherit" });
    child.on("error", () => resolve(127));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const phases = new Phases();
const cfg = config();
try {
  await phases.run("stack up", () => ensureStackUp({ cfg }));
  await phases.run("migrations", () => runMigrations(cfg, (l) => console.log(l)));
  const code = await phases.run("tests", () => vitest(process.argv.slice(2)));
  process.exitCode = code;
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  console.log(phases.summary());
}
