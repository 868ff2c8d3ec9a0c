import { spawn } from "node:child_process";
import path from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { config, repoRoot } from "@hivemind/config";
import { readProcessStatuses, type ProcessStatus } from "@hivemind/coord";
import { fail, formatTable, printJson } from "./output.js";

/** The stack launcher's `status --json` (an array of services, or `{ services, apps }` with the running sites' app instances). */
const serviceRow = z.object({ name: z.string(), state: z.string(), port: z.number().nullable(), pid: z.number().nullable(), version: z.string().nullable() });
const appRow = z.object({ site: z.string(), name: z.string(), role: z.string(), port: z.number().nullable(), pid: z.number().nullable(), state: z.string() });
const stackReport = z.union([z.array(serviceRow).transform((services) => ({ services, apps: [] })), z.object({ services: z.array(serviceRow), apps: z.array(appRow).default([]) })]);
type StackReport = z.output<typeof stackReport>;

const healthBody = z.object({ pid: z.number().optional(), config: z.object({ version: z.number(), source: z.string(), connected: z.boolean() }) });

export interface HealthRow {
  kind: "service" | "app";
  /** "stack" for services; the site's id for its app instances; "-" for app processes no site launched. */
  site: string;
  name: string;
  role: string;
  state: "up" | "down";
  port: number | null;
  pid: number | null;
  /** Services: their version; apps: the live-config version they run. */
  version: string | null;
  configVersion: number | null;
  configSource: string | null;
  zookeeper: "connected" | "disconnected" | null;
  detail: string;
}

/**
 * The stack's own status (infra's launcher, run as a process: infra depends on ops for seeding,
 * so ops cannot import it). Resolves with what it printed as JSON.
 */
function stackStatus(): Promise<StackReport> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "infra/src/cli.ts"), "status", "--json"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (err += d.toString()));
    proc.on("error", reject);
    proc.on("exit", () => {
      try {
        resolve(stackReport.parse(JSON.parse(out)));
      } catch (e) {
        reject(new Error(`could not read the stack's status: ${err.trim() || (e instanceof Error ? e.message : String(e))}`));
      }
    });
  });
}

const HEALTH_PATH: Record<string, string> = { api: "/api/health", page: "/healthz" };

async function httpHealth(port: number, role: string): Promise<z.output<typeof healthBody>> {
  const res = await fetch(`http://127.0.0.1:${port}${HEALTH_PATH[role] ?? "/healthz"}`, { signal: AbortSignal.timeout(3_000) });
  if (!res.ok) throw new Error(`health answered ${res.status}`);
  return healthBody.parse(await res.json());
}

function configCells(c: { version: number; source: string; connected: boolean }) {
  return { configVersion: c.version, configSource: c.source, zookeeper: c.connected ? ("connected" as const) : ("disconnected" as const) };
}

/** One app process: its health endpoint (API, pages) or its status file (the worker). */
async function appRowOf(site: string, name: string, role: string, port: number | null, pid: number | null, files: Map<number, ProcessStatus>): Promise<HealthRow> {
  const base = { kind: "app" as const, site, name, role, port, pid, version: null };
  const file = pid === null ? undefined : files.get(pid);
  try {
    if (port !== null && role in HEALTH_PATH) {
      const h = await httpHealth(port, role);
      return { ...base, pid: h.pid ?? pid, state: "up", ...configCells(h.config), detail: "" };
    }
    if (file) return { ...base, state: "up", ...configCells(file.config), detail: `status file updated ${file.updatedAt}` };
    return { ...base, state: pid === null ? "down" : "up", configVersion: null, configSource: null, zookeeper: null, detail: "no health report (started before health reporting?)" };
  } catch (err) {
    return { ...base, state: "down", configVersion: null, configSource: null, zookeeper: null, detail: err instanceof Error ? err.message : String(err) };
  }
}

/** Every stack service and every app process (each site's instances, and app processes no site launched), one row each. */
export async function healthRows(): Promise<HealthRow[]> {
  const cfg = config();
  const [stack, statuses] = await Promise.all([stackStatus(), Promise.resolve(readProcessStatuses(cfg.stateDir))]);
  const files = new Map(statuses.map((s) => [s.pid, s]));
  const services: HealthRow[] = stack.services.map((s) => ({
    kind: "service",
    site: "stack",
    name: s.name,
    role: "service",
    state: s.state === "up" ? "up" : "down",
    port: s.port,
    pid: s.pid,
    version: s.version,
    configVersion: null,
    configSource: null,
    zookeeper: null,
    detail: "",
  }));
  const siteApps = stack.apps.filter((a) => a.role !== "front");
  const launched = new Set(siteApps.map((a) => a.pid).filter((p): p is number => p !== null));
  const apps = await Promise.all([
    ...siteApps.map((a) => appRowOf(a.site, a.name, a.role, a.port, a.pid, files)),
    ...statuses.filter((s) => !launched.has(s.pid)).map((s) => appRowOf("-", `${s.role}@${s.pid}`, s.role, s.port, s.pid, files)),
  ]);
  return [...services, ...apps];
}

/** `ops health`: one line per stack service and per app process, with the live-config version each app runs. */
export function registerHealthCommand(program: Command): void {
  program
    .command("health")
    .description("every stack service and every app process (API, page and worker instances), one line each, with the live-config version it runs")
    .option("--json", "machine-readable output")
    .action(async (raw: { json?: boolean }) => {
      const json = raw.json ?? false;
      try {
        const rows = await healthRows();
        if (json) printJson({ rows });
        else {
          const versions = new Set(rows.filter((r) => r.configVersion !== null).map((r) => r.configVersion));
          process.stdout.write(
            `${formatTable(
              ["site", "name", "state", "port", "pid", "version / config", "detail"],
              rows.map((r) => [
                r.site,
                r.name,
                r.state,
                r.port === null ? "-" : String(r.port),
                r.pid === null ? "-" : String(r.pid),
                r.kind === "service" ? (r.version ?? "") : r.configVersion === null ? "-" : `config v${r.configVersion} (${r.configSource}${r.zookeeper === "disconnected" ? ", zookeeper disconnected" : ""})`,
                r.detail,
              ]),
            )}\n${versions.size > 1 ? `app processes run different config versions: ${[...versions].map((v) => `v${v}`).join(", ")}\n` : ""}`,
          );
        }
        if (rows.some((r) => r.state !== "up")) process.exitCode = 3;
      } catch (err) {
        fail("health", err, json);
      }
    });
}
