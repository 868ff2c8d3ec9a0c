import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "@hivemind/config";

/** A fresh HIVEMIND_ENV, so a ZooKeeper root (/hivemind/<env>) of the test's own. */
export function liveConfigTestEnv(tag: string): string {
  return `api_${tag}_${Math.random().toString(36).slice(2, 8)}`;
}

/** `npm run ops -- …` as its own process against the given environment (exit code, output). */
export async function ops(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = promisify(execFile);
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/ops/src/cli.ts"), ...args], { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: "error", ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}
