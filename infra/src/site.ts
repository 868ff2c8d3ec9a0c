import { spawn, type ChildProcess } from "node:child_process";
import { repoRoot, type ServiceConfig } from "@hivemind/config";

/** Builds the web app through turbo, whose cache skips the build when nothing changed. */
export function buildWeb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["turbo", "run", "build", "--filter=@hivemind/web", "--output-logs=new-only"], {
      cwd: repoRoot,
      stdio: "inherit",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`web build failed (exit ${code})`))));
  });
}

/**
 * Runs the worker and the web server in the foreground until either exits or
 * the user presses Ctrl-C; then stops both. The stack stays up
 * (`npm run stack:down` stops it).
 */
export async function runSite(cfg: ServiceConfig): Promise<number> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  // Node itself, not npx: SIGTERM must reach the servers, not a wrapper.
  const children: ChildProcess[] = [
    spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], { cwd: repoRoot, stdio: "inherit", env }),
    spawn(process.execPath, [`${repoRoot}/node_modules/next/dist/bin/next`, "start", "-H", "127.0.0.1", "-p", String(cfg.web.port)], {
      cwd: `${repoRoot}/apps/web`,
      stdio: "inherit",
      env,
    }),
  ];
  console.log(`\nhivemind is serving http://127.0.0.1:${cfg.web.port} (Ctrl-C stops the site; the stack keeps running)`);
  const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill("SIGTERM"));
  process.once("SIGINT", stopAll);
  process.once("SIGTERM", stopAll);
  const firstExit = await Promise.race(children.map((c) => new Promise<number>((resolve) => c.on("exit", (code) => resolve(code ?? 0)))));
  stopAll();
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on("exit", r)) : undefined)));
  return firstExit;
}
