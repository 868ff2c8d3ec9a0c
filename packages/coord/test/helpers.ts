import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { config, repoRoot } from "@hivemind/config";
import type { Coord } from "../src/index.js";

export const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

/** A fresh HIVEMIND_ENV (so a fresh ZooKeeper root, /hivemind/<env>) per test file. */
export function testEnv(tag: string): string {
  return `coord_${tag}_${Math.random().toString(36).slice(2, 8)}`;
}

export function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hivemind-coord-${tag}-`));
}

export const stackZk = () => config().zookeeper.connectString;

/** Delete a subtree (tests clean up their root). */
export async function removeTree(coord: Coord, p: string): Promise<void> {
  const children = (await coord.getChildren(p)) ?? [];
  for (const c of children) await removeTree(coord, `${p}/${c}`);
  await coord.remove(p);
}

export async function waitUntil(what: string, cond: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 10): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await cond()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface ChildEvent {
  ev: string;
  pid: number;
  t: number;
  [k: string]: unknown;
}

/** A child node process running a fixture through tsx, whose stdout is JSON lines. */
export class Child {
  readonly proc: ChildProcess;
  readonly events: ChildEvent[] = [];
  stderr = "";
  exited = false;

  constructor(script: string, args: string[], env: Record<string, string>) {
    this.proc = spawn(process.execPath, ["--import", "tsx", path.join(fixtures, script), ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: "error", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    readline.createInterface({ input: this.proc.stdout! }).on("line", (line) => {
      try {
        this.events.push(JSON.parse(line) as ChildEvent);
      } catch {
        // a log line; ignore
      }
    });
    this.proc.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.proc.on("exit", () => (this.exited = true));
  }

  get pid(): number {
    return this.proc.pid!;
  }

  async waitFor(pred: (e: ChildEvent) => boolean, timeoutMs: number, what = "an event"): Promise<ChildEvent> {
    let found: ChildEvent | undefined;
    await waitUntil(`${what} from child ${this.pid} (stderr: ${this.stderr.slice(-500)})`, () => (found = this.events.find(pred)) !== undefined, timeoutMs);
    return found!;
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): void {
    if (!this.exited) this.proc.kill(signal);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    this.proc.kill("SIGCONT");
    this.proc.kill("SIGKILL");
    await waitUntil("child exit", () => this.exited, 5000);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

async function exited(proc: ChildProcess, timeoutMs: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await Promise.race([new Promise((r) => proc.once("exit", r)), sleep(timeoutMs)]);
}

/** Run the CLI (`npm run ops -- …`) as a separate process; resolves with its exit code and output. */
export function runOps(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/ops/src/cli.ts"), ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: "error", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.on("exit", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * A ZooKeeper server of our own (the stack's is shared and must never be stopped), run the way
 * infra/src/services/zookeeper.ts runs the stack's, on a free port with its own data dir.
 */
export class OwnZookeeper {
  proc: ChildProcess | undefined;
  readonly dir = tmpDir("zk");
  constructor(readonly port: number) {}

  static async start(): Promise<OwnZookeeper> {
    const zk = new OwnZookeeper(await freePort());
    await zk.start();
    return zk;
  }

  get connectString(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const conf = path.join(this.dir, "zoo.cfg");
    fs.mkdirSync(path.join(this.dir, "data"), { recursive: true });
    fs.writeFileSync(
      conf,
      [`tickTime=2000`, `dataDir=${path.join(this.dir, "data")}`, `clientPort=${this.port}`, "clientPortAddress=127.0.0.1", "admin.enableServer=false", "4lw.commands.whitelist=ruok,srvr", ""].join("\n"),
    );
    const log = fs.openSync(path.join(this.dir, "zookeeper.log"), "a");
    this.proc = spawn(
      "java",
      ["-Xms32m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dzookeeper.jmx.log4j.disable=true", "-cp", "/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar", "org.apache.zookeeper.server.quorum.QuorumPeerMain", conf],
      { stdio: ["ignore", log, log] },
    );
    await waitUntil(`own zookeeper on ${this.port}`, () => this.ruok(), 45_000, 200);
  }

  private ruok(): Promise<boolean> {
    return new Promise((resolve) => {
      let out = "";
      const sock = net.connect({ host: "127.0.0.1", port: this.port }, () => sock.write("ruok"));
      sock.setTimeout(500, () => sock.destroy());
      sock.on("data", (d) => (out += d.toString()));
      sock.on("error", () => resolve(false));
      sock.on("close", () => resolve(out === "imok"));
    });
  }

  /** Stop the server (by its pid) and wait for it to exit. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    proc.kill("SIGTERM");
    await exited(proc, 10_000);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    await exited(proc, 5_000);
  }

  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A redis-server of our own on a free port (never the stack's: the tests stop it). */
export class OwnRedis {
  proc: ChildProcess | undefined;
  constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const r = new OwnRedis(await freePort());
    await r.start();
    return r;
  }

  async start(): Promise<void> {
    this.proc = spawn("/usr/bin/redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await waitUntil(`own redis on ${this.port}`, () => canConnect(this.port), 10_000, 50);
  }

  signal(sig: NodeJS.Signals): void {
    this.proc?.kill(sig);
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    proc.kill("SIGCONT");
    proc.kill("SIGKILL");
    await exited(proc, 5_000);
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: "127.0.0.1", port }, () => {
      sock.destroy();
      resolve(true);
    });
    sock.on("error", () => resolve(false));
  });
}
