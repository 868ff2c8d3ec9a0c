import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAlive, sleep } from "../src/process.js";
import { Supervisor, type ProgramSpec } from "../src/supervisor.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "supervisor-test-"));
let supervisor: Supervisor | undefined;

afterEach(async () => {
  await supervisor?.stop();
  supervisor = undefined;
});

function program(name: string, script: string): ProgramSpec {
  return { name, cmd: process.execPath, args: ["-e", script], cwd: dir, env: process.env, logFile: path.join(dir, `${name}.log`) };
}

async function until<T>(fn: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(10);
  }
}

describe("the supervisor", () => {
  it("restarts a program killed with SIGKILL within 2 s", async () => {
    supervisor = new Supervisor();
    supervisor.add(program("server", "setInterval(() => {}, 1000)"));
    const first = await until(() => supervisor!.pid("server"), 5_000);
    const killedAt = Date.now();
    process.kill(first, "SIGKILL");
    const second = await until(() => {
      const pid = supervisor!.pid("server");
      return pid !== undefined && pid !== first ? pid : undefined;
    }, 2_000);
    expect(Date.now() - killedAt).toBeLessThan(2_000);
    expect(isAlive(second)).toBe(true);
    expect(supervisor.status()[0]).toMatchObject({ name: "server", restarts: 1, state: "running" });
  });

  it("backs off a program that keeps crashing at start", async () => {
    supervisor = new Supervisor({ restartDelayMs: 50, maxBackoffMs: 800 });
    supervisor.add(program("crasher", "process.exit(3)"));
    await sleep(2_500);
    const { restarts } = supervisor.status()[0]!;
    // 100, 200, 400, 800, 800… ms apart, not a restart every 50 ms.
    expect(restarts).toBeGreaterThanOrEqual(2);
    expect(restarts).toBeLessThanOrEqual(6);
    expect(fs.readFileSync(path.join(dir, "crasher.log"), "utf8")).toContain("exited (code 3)");
  });

  it("stop() leaves nothing behind: not a program that ignores SIGTERM, nor its own children", async () => {
    supervisor = new Supervisor({ stopGraceMs: 500 });
    const script = [
      "const { spawn } = require('node:child_process');",
      // Deaf to SIGTERM before it says it is ready.
      "process.on('SIGTERM', () => {});",
      "const child = spawn('sleep', ['300'], { stdio: 'ignore' });",
      "console.log('grandchild ' + child.pid);",
      "setInterval(() => {}, 1000);",
    ].join("\n");
    supervisor.add(program("stubborn", script));
    const pid = await until(() => supervisor!.pid("stubborn"), 5_000);
    const logFile = path.join(dir, "stubborn.log");
    const grandchild = await until(() => {
      const m = /grandchild (\d+)/.exec(fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");
      return m ? Number(m[1]) : undefined;
    }, 5_000);
    await supervisor.stop();
    expect(isAlive(pid)).toBe(false);
    expect(isAlive(grandchild)).toBe(false);
    expect(supervisor.status()[0]).toMatchObject({ pid: null, state: "stopped" });
  });
});
