import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { configLog as log } from "./logger.js";

/** The app processes that publish their health (ops health lists them). */
export const APP_ROLES = ["api", "page", "worker"] as const;
export type AppRole = (typeof APP_ROLES)[number];

/** A LiveConfig's status() as health reports carry it. */
export const liveConfigStatusSchema = z.object({
  version: z.number().int(),
  source: z.enum(["zookeeper", "disk", "defaults"]),
  connected: z.boolean(),
  author: z.string(),
  at: z.string(),
  appliedAt: z.string(),
});

export const processStatusSchema = z.object({
  role: z.enum(APP_ROLES),
  pid: z.number().int(),
  /** The port it serves HTTP on (null: none, e.g. the worker). */
  port: z.number().int().nullable(),
  /** Where its health answers over HTTP (null: this file is its health report). */
  healthUrl: z.string().nullable(),
  startedAt: z.string(),
  /** When this file was last written (start, every config change, every ZooKeeper (dis)connection). */
  updatedAt: z.string(),
  config: liveConfigStatusSchema,
});

export type ProcessStatus = z.output<typeof processStatusSchema>;

/** `<stateDir>/processes`: one `<role>-<pid>.json` per running app process. */
export function processStatusDir(stateDir: string): string {
  return path.join(stateDir, "processes");
}

function statusFile(stateDir: string, role: AppRole, pid: number): string {
  return path.join(processStatusDir(stateDir), `${role}-${pid}.json`);
}

/** Write (atomically) this process's status file. */
export function writeProcessStatus(stateDir: string, status: ProcessStatus): void {
  const file = statusFile(stateDir, status.role, status.pid);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(status, null, 2)}\n`);
    fs.renameSync(tmp, file);
  } catch (err) {
    log.warn({ err, file }, "could not write the process status file");
  }
}

export function removeProcessStatus(stateDir: string, role: AppRole, pid: number): void {
  fs.rmSync(statusFile(stateDir, role, pid), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Every status file whose process is still alive; files of dead processes (killed without a
 * chance to remove theirs) are deleted on the way.
 */
export function readProcessStatuses(stateDir: string): ProcessStatus[] {
  const dir = processStatusDir(stateDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
  const out: ProcessStatus[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const parsed = processStatusSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
      if (!parsed.success) continue;
      if (alive(parsed.data.pid)) out.push(parsed.data);
      else fs.rmSync(file, { force: true });
    } catch {
      // being rewritten or unreadable: skip it this time
    }
  }
  return out.sort((a, b) => a.role.localeCompare(b.role) || (a.port ?? 0) - (b.port ?? 0) || a.pid - b.pid);
}
