import fs from "node:fs";
import path from "node:path";
import type { ServiceConfig } from "@hivemind/config";
import { isOurs, readPid, spawnDetached, writePid } from "../process.js";

/** A Debian package the service needs, and a file whose presence shows it is installed. */
export interface DebPackage {
  pkg: string;
  probe: string;
}

/** One server process of the stack: how to start it, find it, probe it and stop it. */
export interface Service {
  name: string;
  port: number;
  /** How clients reach it (postgresql://…, redis://…, host:port). */
  url: string;
  /** Its directory under the state dir (data, config, log, pid). */
  dir: string;
  logFile: string;
  debPackages: DebPackage[];
  startTimeoutMs: number;
  stopSignal: NodeJS.Signals;
  /** pid of our running server, if any (checked against pid reuse). */
  pid(): number | undefined;
  /** Fetch artifacts, write config, spawn. Returns the server pid. */
  start(): Promise<number>;
  /** One health check with the service's real client; resolves to its version. */
  probe(): Promise<string>;
  /** Run once healthy on every up (idempotent): roles, topics, migrations. */
  setup?(): Promise<void>;
}

export interface ServiceFiles {
  dir: string;
  logFile: string;
  pidFile: string;
}

export function serviceFiles(cfg: ServiceConfig, name: string): ServiceFiles {
  const dir = path.join(cfg.stateDir, name);
  return { dir, logFile: path.join(dir, `${name}.log`), pidFile: path.join(dir, `${name}.pid`) };
}

/** pid from a pid file, if that process is alive and its command line mentions marker. */
export function pidFromFile(pidFile: string, marker: string): number | undefined {
  const pid = readPid(pidFile);
  return pid !== undefined && isOurs(pid, marker) ? pid : undefined;
}

export function mkdirp(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
}

/** Spawns a service's server detached, logging to its log file, and records its pid in its pid file. */
export function spawnService(f: ServiceFiles, cmd: string, args: string[]): number {
  const pid = spawnDetached(cmd, args, { logFile: f.logFile, cwd: f.dir });
  writePid(f.pidFile, pid);
  return pid;
}
