import fs from "node:fs";
import path from "node:path";
import { config, type ServiceConfig } from "@hivemind/config";
import { ensureDebPackages } from "./apt.js";
import { withLock } from "./lock.js";
import { isAlive, portOpen, stopPid, tail, waitFor } from "./process.js";
import { stackServices, type Service } from "./services/index.js";

export interface ServiceStatus {
  name: string;
  port: number;
  pid: number | null;
  state: "up" | "down";
  version: string | null;
  url: string;
}

export interface StackOptions {
  cfg?: ServiceConfig;
  /** stackDown only: stop just these services (by name), e.g. for a fault drill. */
  only?: readonly string[];
  /** No progress lines (errors still throw). */
  quiet?: boolean;
  /** Where progress lines go (default console.log). */
  log?: (line: string) => void;
}

export class StackError extends Error {
  override name = "StackError";
  constructor(
    message: string,
    readonly failed: { service: string; reason: string; logTail: string }[] = [],
  ) {
    super(message);
  }
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function logger(opts: StackOptions): (line: string) => void {
  if (opts.quiet) return () => undefined;
  return opts.log ?? ((line) => console.log(line));
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function probeOnce(s: Service, timeoutMs = 5000): Promise<string | undefined> {
  try {
    return await withTimeout(s.probe(), timeoutMs, s.name);
  } catch {
    return undefined;
  }
}

/** Status of every service: pid from its pid file, state and version from a real client probe. */
export async function stackStatus(opts: StackOptions = {}): Promise<ServiceStatus[]> {
  const cfg = opts.cfg ?? config();
  return Promise.all(
    stackServices(cfg).map(async (s) => {
      const version = await probeOnce(s);
      return { name: s.name, port: s.port, pid: s.pid() ?? null, state: version ? "up" : "down", version: version ?? null, url: s.url } as const;
    }),
  );
}

/** Bring one service up (or find it up), then run its idempotent setup. */
async function upOne(s: Service, log: (line: string) => void): Promise<void> {
  const name = s.name.padEnd(10);
  const t0 = Date.now();
  let pid = s.pid();
  if (pid !== undefined && (await probeOnce(s, 3000))) {
    await s.setup?.();
    log(`  ${name} already up (pid ${pid})`);
    return;
  }
  if (pid === undefined) {
    if (await portOpen(s.port)) {
      // Not ours but answering as the service (e.g. infra/compose.yaml): use it as it is.
      const version = await probeOnce(s, 5000);
      if (!version) throw new Error(`port ${s.port} is taken by a process that does not answer as ${s.name}`);
      await s.setup?.();
      log(`  ${name} already up (${version}, not started by this launcher)`);
      return;
    }
    log(`  ${name} starting…`);
    pid = await s.start();
  } else {
    log(`  ${name} process ${pid} running, waiting for it…`);
  }
  const version = await waitFor("health check", () => probeOnce(s, 5000), {
    timeoutMs: s.startTimeoutMs,
    pid,
    intervalMs: 300,
  });
  await s.setup?.();
  log(`  ${name} up in ${secs(Date.now() - t0)} (${version}, pid ${pid}, port ${s.port})`);
}

/**
 * Start whatever part of the stack is not running (installing missing Debian
 * packages and fetching jars first), wait until every service answers its real
 * client, and run setup (Postgres role/database, Kafka topics, Cassandra
 * migrations). A quick no-op when all is up. Throws StackError naming each
 * service that failed, with the tail of its log. (Every service has just
 * answered its probe; `stackStatus()` reports versions and pids.)
 */
export async function ensureStackUp(opts: StackOptions = {}): Promise<void> {
  const cfg = opts.cfg ?? config();
  const log = logger(opts);
  const t0 = Date.now();
  fs.mkdirSync(cfg.stateDir, { recursive: true });
  await withLock(path.join(cfg.stateDir, "stack.lock"), async () => {
    const services = stackServices(cfg);
    const down = services.filter((s) => s.pid() === undefined);
    await ensureDebPackages(down.flatMap((s) => s.debPackages), log);
    const results = await Promise.allSettled(services.map((s) => upOne(s, log)));
    const failed = results.flatMap((r, i) => {
      const s = services[i]!;
      if (r.status === "fulfilled") return [];
      const reason = r.reason instanceof Error ? r.reason.message : String(r.reason);
      return [{ service: s.name, reason, logTail: tail(s.logFile) }];
    });
    if (failed.length) {
      const detail = failed
        .map((f) => `✗ ${f.service}: ${f.reason}\n--- last lines of its log ---\n${f.logTail}`)
        .join("\n\n");
      throw new StackError(`stack failed to start: ${failed.map((f) => f.service).join(", ")}\n\n${detail}`, failed);
    }
  });
  log(`stack up in ${secs(Date.now() - t0)} (state dir ${cfg.stateDir})`);
}

/** Stop every service, or those named in `only` (its stop signal, a grace period, then SIGKILL); leaves no process behind. */
export async function stackDown(opts: StackOptions = {}): Promise<void> {
  const cfg = opts.cfg ?? config();
  const all = stackServices(cfg);
  const unknown = (opts.only ?? []).filter((n) => !all.some((s) => s.name === n));
  if (unknown.length > 0) throw new StackError(`no such service: ${unknown.join(", ")} (services: ${all.map((s) => s.name).join(", ")})`);
  const chosen = opts.only ? all.filter((s) => opts.only!.includes(s.name)) : all;
  const log = logger(opts);
  const t0 = Date.now();
  fs.mkdirSync(cfg.stateDir, { recursive: true });
  await withLock(path.join(cfg.stateDir, "stack.lock"), async () => {
    await Promise.all(
      chosen.map(async (s) => {
        const pid = s.pid();
        if (pid === undefined) return;
        const t1 = Date.now();
        await stopPid(pid, s.stopSignal, 30_000);
        // Whatever is left of its session (e.g. Postgres backends) goes too.
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          /* no such group */
        }
        log(`  ${s.name.padEnd(10)} stopped in ${secs(Date.now() - t1)}${isAlive(pid) ? " (STILL ALIVE)" : ""}`);
      }),
    );
  });
  log(`stack down in ${secs(Date.now() - t0)}`);
}

export { stackServices };
