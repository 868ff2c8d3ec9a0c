// `npm test`: stack up → migrations → lint and type check → web build → vitest (unit +
// integration projects; the site tests in infra/test start the shipped processes behind the
// front tier) → Playwright browser tests (against a site of their own, started the same way).
// Extra arguments go to vitest and skip the browser tests: `npm test -- --project unit`.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { config, repoRoot } from "@hivemind/config";
import { runMigrations } from "./migrations.js";
import { Phases } from "./phases.js";
import { ensureStackUp } from "./stack.js";
import { buildApps } from "./site.js";
import { ensureDebPackages } from "./apt.js";

function run(cmd: string, args: string[], cwd = repoRoot, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: "inherit", env });
    child.on("error", () => resolve(127));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

function vitestCounts(file: string): Counts {
  const r = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(file);
  return r ? { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests } : { passed: 0, failed: 0, skipped: 0 };
}

function playwrightCounts(file: string): Counts {
  const r = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(file);
  return r ? { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped } : { passed: 0, failed: 0, skipped: 0 };
}

const phases = new Phases();
const cfg = config();
// Outside the state dir: the stack test counts processes that mention it.
const resultsDir = path.join(repoRoot, "test-results");
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const vitestJson = path.join(resultsDir, "vitest.json");
const playwrightJson = path.join(resultsDir, "playwright.json");
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
const add = (c: Counts) => {
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
};
try {
  await phases.run("stack up", () => ensureStackUp({ cfg }));
  await phases.run("migrations", () => runMigrations(cfg, (l) => console.log(l)));
  const args = process.argv.slice(2);
  if (args.length === 0) {
    const checks = await phases.run("lint + types", async () =>
      (await run("npx", ["eslint", "."])) || (await run("npx", ["turbo", "run", "typecheck", "--output-logs=errors-only"])),
    );
    if (checks !== 0) throw new Error("lint or type check failed");
  }
  const unitOnly = args.join(" ").includes("unit") && !args.join(" ").includes("integration");
  if (!unitOnly) {
    // The site tests (vitest) and the browser tests serve the built pages.
    await phases.run("build", async () => {
      // The browser tests drive Debian's chromium, never a downloaded browser.
      if (args.length === 0) await ensureDebPackages([{ pkg: "chromium", probe: "/usr/bin/chromium" }], (l) => console.log(l));
      await buildApps();
    });
  }
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`];
  let code = await phases.run("unit + integration", () => run("npx", ["vitest", "run", ...reporters, ...args]));
  add(vitestCounts(vitestJson));
  if (args.length === 0) {
    const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson };
    const e2e = await phases.run("browser tests", () => run("npx", ["playwright", "test", "--reporter=list,json"], `${repoRoot}/e2e`, env));
    add(playwrightCounts(playwrightJson));
    code ||= e2e;
  }
  process.exitCode = code;
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  console.log(phases.summary());
  // One closing line for CI and humans alike, over every runner.
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
}
