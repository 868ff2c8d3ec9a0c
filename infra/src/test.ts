// `npm test`: stack up → migrations → vitest (unit + integration projects)
// → web build → Playwright browser tests.
// Extra arguments go to vitest and skip the browser tests: `npm test -- --project unit`.
import { spawn } from "node:child_process";
import { config, repoRoot } from "@hivemind/config";
import { runMigrations } from "./migrations.js";
import { Phases } from "./phases.js";
import { ensureStackUp } from "./stack.js";
import { buildWeb } from "./site.js";

function run(cmd: string, args: string[], cwd = repoRoot): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: "inherit" });
    child.on("error", () => resolve(127));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const phases = new Phases();
const cfg = config();
try {
  await phases.run("stack up", () => ensureStackUp({ cfg }));
  await phases.run("migrations", () => runMigrations(cfg, (l) => console.log(l)));
  const args = process.argv.slice(2);
  let code = await phases.run("unit + integration", () => run("npx", ["vitest", "run", ...args]));
  if (args.length === 0) {
    await phases.run("web build", buildWeb);
    const e2e = await phases.run("browser tests", () => run("npx", ["playwright", "test"], `${repoRoot}/e2e`));
    code ||= e2e;
  }
  process.exitCode = code;
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  console.log(phases.summary());
}
