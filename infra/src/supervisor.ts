import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { groupAlive, isAlive, sleep } from "./process.js";

/** One long-running app process the supervisor keeps alive. */
export interface ProgramSpec {
  /** Unique within the supervisor: api-0, page-0, worker. */
  name: string;
  cmd: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The port it serves, if any (for status). */
  port?: number;
  /** stdout and stderr are appended here. */
  logFile: string;
  /** Also copy its output to our stdout, each line prefixed with its name. */
  echo?: boolean;
}

export interface ProgramStatus {
  name: string;
  pid: number | null;
  port: number | null;
  /** How many times it has been restarted after dying. */
  restarts: number;
  state: "running" | "restarting" | "stopped";
  logFile: string;
}

export interface SupervisorOptions {
  /** Delay before restarting a process that ran a while (ms). */
  restartDelayMs?: number;
  /** A process that dies sooner than this after its start is crash-looping: the delay doubles. */
  stableMs?: number;
  /** The longest delay between restarts of a crash-looping process. */
  maxBackoffMs?: number;
  /** SIGTERM, then this long, then SIGKILL to the process group. */
  stopGraceMs?: number;
  /** Called after every start, exit and restart (e.g. to rewrite a pid record). */
  onChange?: () => void;
  log?: (line: string) => void;
}

interface Program {
  spec: ProgramSpec;
  child: ChildProcess | undefined;
  startedAt: number;
  restarts: number;
  /** The delay the next quick crash waits. */
  backoffMs: number;
  timer: NodeJS.Timeout | undefined;
  exited: Promise<void>;
}

/**
 * A small supervise (as reddit ran its app servers under daemontools): starts each program,
 * restarts one that dies (100 ms later; doubling up to maxBackoffMs while it keeps dying within
 * stableMs of its start), and on stop() terminates them all, their process groups included.
 * Each child leads its own process group, so a terminal's Ctrl-C reaches only us and we stop
 * them in order.
 */
export class Supervisor {
  private readonly programs = new Map<string, Program>();
  private stopping = false;
  private readonly restartDelayMs: number;
  private readonly stableMs: number;
  private readonly maxBackoffMs: number;
  private readonly stopGraceMs: number;

  constructor(private readonly opts: SupervisorOptions = {}) {
    this.restartDelayMs = opts.restartDelayMs ?? 100;
    this.stableMs = opts.stableMs ?? 10_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 5_000;
    this.stopGraceMs = opts.stopGraceMs ?? 10_000;
  }

  add(spec: ProgramSpec): void {
    if (this.programs.has(spec.name)) throw new Error(`program ${spec.name} already supervised`);
    const program: Program = { spec, child: undefined, startedAt: 0, restarts: 0, backoffMs: this.restartDelayMs, timer: undefined, exited: Promise.resolve() };
    this.programs.set(spec.name, program);
    this.launch(program);
  }

  status(): ProgramStatus[] {
    return [...this.programs.values()].map((p) => {
      const pid = p.child?.exitCode === null && p.child.signalCode === null ? (p.child.pid ?? null) : null;
      return {
        name: p.spec.name,
        pid,
        port: p.spec.port ?? null,
        restarts: p.restarts,
        state: this.stopping && pid === null ? "stopped" : pid === null ? "restarting" : "running",
        logFile: p.spec.logFile,
      };
    });
  }

  /** pid of a program's current process, if running. */
  pid(name: string): number | undefined {
    return this.status().find((s) => s.name === name)?.pid ?? undefined;
  }

  private launch(p: Program): void {
    if (this.stopping) return;
    const { spec } = p;
    const out = fs.createWriteStream(spec.logFile, { flags: "a" });
    const child = spawn(spec.cmd, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    p.child = child;
    p.startedAt = Date.now();
    const prefix = `[${spec.name}] `;
    let partial = "";
    const copy = (chunk: Buffer) => {
      out.write(chunk);
      if (!spec.echo) return;
      const lines = (partial + chunk.toString("utf8")).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) process.stdout.write(prefix + line + "\n");
    };
    child.stdout?.on("data", copy);
    child.stderr?.on("data", copy);
    child.on("error", (err) => out.write(`supervisor: could not start ${spec.cmd}: ${err.message}\n`));
    p.exited = new Promise((resolve) => {
      child.once("close", (code, signal) => {
        out.end(`supervisor: ${spec.name} (pid ${child.pid ?? "?"}) exited (${signal ?? `code ${code}`})\n`);
        resolve();
        this.opts.onChange?.();
        if (this.stopping) return;
        const ranMs = Date.now() - p.startedAt;
        p.backoffMs = ranMs >= this.stableMs ? this.restartDelayMs : Math.min(p.backoffMs * 2, this.maxBackoffMs);
        const delay = ranMs >= this.stableMs ? this.restartDelayMs : p.backoffMs;
        this.opts.log?.(`${spec.name} exited (${signal ?? `code ${code}`}) after ${(ranMs / 1000).toFixed(1)} s; restarting in ${delay} ms`);
        p.timer = setTimeout(() => {
          p.timer = undefined;
          p.restarts++;
          this.launch(p);
        }, delay);
      });
    });
    this.opts.onChange?.();
  }

  /** Stops every program (SIGTERM to it, SIGKILL to its group after the grace period); no restarts after. */
  async stop(): Promise<void> {
    this.stopping = true;
    const all = [...this.programs.values()];
    for (const p of all) {
      if (p.timer) clearTimeout(p.timer);
      p.timer = undefined;
    }
    await Promise.all(
      all.map(async (p) => {
        const pid = p.child?.pid;
        if (pid === undefined) return;
        if (p.child!.exitCode === null && p.child!.signalCode === null) signal(pid, "SIGTERM");
        const deadline = Date.now() + this.stopGraceMs;
        const done = p.exited.then(() => true);
        while (isAlive(pid) && Date.now() < deadline) await Promise.race([done, sleep(100)]);
        // Whatever is left of its group (its own children, or itself past the grace period).
        signal(-pid, "SIGKILL");
        signal(pid, "SIGKILL");
        await Promise.race([p.exited, sleep(5_000)]);
        // A SIGKILL is delivered when its target next runs: on a busy machine, after kill() returns.
        for (const until = Date.now() + 5_000; groupAlive(pid) && Date.now() < until; ) await sleep(20);
      }),
    );
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}
