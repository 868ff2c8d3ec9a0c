import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "@hivemind/config";
import { run } from "./process.js";

/**
 * Jars for a JVM service, from a pom in infra/maven/<name>/ via
 * `mvn dependency:copy-dependencies` into <stateDir>/artifacts/<name>/lib.
 * Maven's own cache is ~/.m2; the copied lib dir is reused while the pom is
 * unchanged (a stamp holds the pom's hash), so a second start fetches nothing.
 */
export async function ensureJars(stateDir: string, name: string): Promise<string> {
  const pom = path.join(repoRoot, "infra", "maven", name, "pom.xml");
  const libDir = path.join(stateDir, "artifacts", name, "lib");
  const stamp = path.join(stateDir, "artifacts", name, "pom.sha256");
  const hash = crypto.createHash("sha256").update(fs.readFileSync(pom)).digest("hex");
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8").trim() === hash) return libDir;

  fs.rmSync(libDir, { recursive: true, force: true });
  fs.mkdirSync(libDir, { recursive: true });
  await run("mvn", [
    "-B", "-q", "-Dstyle.color=never", "-f", pom,
    "dependency:copy-dependencies", "-DincludeScope=runtime", `-DoutputDirectory=${libDir}`,
  ], { timeoutMs: 900_000 });
  fs.writeFileSync(stamp, `${hash}\n`);
  return libDir;
}

/** Version of the jar in libDir whose name starts with prefix (e.g. "kafka_2.13-"). */
export function jarVersion(libDir: string, prefix: string): string | undefined {
  try {
    const jar = fs.readdirSync(libDir).find((n) => n.startsWith(prefix) && n.endsWith(".jar"));
    return jar?.slice(prefix.length, -".jar".length);
  } catch {
    return undefined;
  }
}
