import { spawn, execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { promisify } from "node:util";

/** Helpers to run long-lived server processes detached from the launcher. */

const execFileP = promisify(execFile);

export const isRoot = (): boolean => process.getuid?.() === 0;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Run a command to completion; throws with its output on a non-zero exit. */
export async function run(
  cmd: string,
  args: string[],
  opts: { cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<string> {
  try {
    const { stdout } = await execFileP(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ? { ...process.env, ...opts.env } : undefined,
      timeout: opts.timeoutMs ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`.trim());
  }
}

/**
 * Start a server in its own session (so it outlives us and gets no terminal
 * signals), stdout+stderr appended to logFile. Returns its pid.
 */
export function spawnDetached(
  cmd: string,
  args: string[],
  opts: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv },
): number {
  const fd = fs.openSync(opts.logFile, "a");
  try {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
      stdio: ["ignore", fd, fd],
    });
    child.on("error", () => undefined); // reported through the health check and log
    child.unref();
    if (child.pid === undefined) throw new Error(`could not spawn ${cmd}`);
    return child.pid;
  } finally {
    fs.closeSync(fd);
  }
}

/** True while some live (non-zombie) process is in process group `pgid`. */
export function groupAlive(pgid: number): boolean {
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // After the ")" that ends the command: state, ppid, pgrp.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
  }
  return false;
}

/** True if pid is a live (non-zombie) process. Our PID 1 may not reap orphans. */
export function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * A live process that is ours: its command line mentions marker, or its working
 * directory is under marker (redis rewrites its process title). Guards against pid reuse.
 */
export function isOurs(pid: number, marker: string): boolean {
  if (!isAlive(pid)) return false;
  try {
    if (fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").includes(marker)) return true;
    return fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(marker);
  } catch {
    return !fs.existsSync("/proc/self"); // no /proc: trust the pid file
  }
}

export function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").split("\n")[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function writePid(file: string, pid: number): void {
  fs.writeFileSync(file, `${pid}\n`);
}

/** Send signal, wait up to graceMs for exit, then SIGKILL. Resolves when gone. */
export async function stopPid(pid: number, signal: NodeJS.Signals = "SIGTERM", graceMs = 20_000): Promise<void> {
  const send = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  };
  send(signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    send("SIGKILL");
    const hard = Date.now() + 5_000;
    while (isAlive(pid) && Date.now() < hard) await sleep(50);
  }
}

/** True if something accepts TCP connections on host:port. */
export function portOpen(port: number, host = "127.0.0.1", timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once("connect", () => done(true));
    sock.once("error", () => done(false));
  });
}

/** Poll fn until it returns a value, the process dies, or the deadline passes. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  opts: { timeoutMs: number; pid?: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      lastErr = err;
    }
    if (opts.pid !== undefined && !isAlive(opts.pid)) throw new Error(`${what}: process ${opts.pid} exited`);
    if (Date.now() > deadline) {
      const why = lastErr instanceof Error ? `: ${lastErr.message}` : "";
      throw new Error(`${what}: not ready after ${Math.round(opts.timeoutMs / 1000)} s${why}`);
    }
    await sleep(opts.intervalMs ?? 250);
  }
}

/** The last n lines of a file, for failure reports. */
export function tail(file: string, n = 25): string {
  try {
    const lines = fs.readFileSync(file, "utf8").trimEnd().split("\n");
    return lines.slice(-n).join("\n");
  } catch {
    return `(no log at ${file})`;
  }
}

/** Live processes whose command line mentions dir or whose working directory is under it. */
export function processesUnder(dir: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  return entries.map(Number).filter((pid) => pid !== process.pid && isOurs(pid, dir));
}
