import fs from "node:fs";
import { isRoot, run } from "./process.js";
import type { DebPackage } from "./services/service.js";

/**
 * Install the Debian packages whose probe file is missing (one apt-get run for
 * all, so services starting in parallel don't fight over apt's lock).
 */
export async function ensureDebPackages(wanted: DebPackage[], log: (line: string) => void): Promise<void> {
  const missing = [...new Set(wanted.filter((p) => !fs.existsSync(p.probe)).map((p) => p.pkg))];
  if (missing.length === 0) return;
  if (!isRoot()) {
    throw new Error(`missing Debian packages: ${missing.join(" ")} (run: sudo apt-get install -y ${missing.join(" ")})`);
  }
  log(`installing ${missing.join(" ")} (apt-get)…`);
  const t0 = Date.now();
  await run("apt-get", ["update", "-q"], { timeoutMs: 600_000 });
  await run("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...missing], {
    timeoutMs: 1_200_000,
    env: { DEBIAN_FRONTEND: "noninteractive" },
  });
  log(`installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
