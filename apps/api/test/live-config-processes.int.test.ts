import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, repoRoot } from "@hivemind/config";
import { Coord, getConfigVersion, processStatusDir, processStatusSchema, type LiveConfigStatus } from "@hivemind/coord";
import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import { liveConfigTestEnv, ops } from "./live-config-cli.js";

// Three real app processes, started the way the launcher starts them (two API instances from
// apps/api/src/main.ts on ports of their own, and the worker from apps/worker/src/main.ts), on a
// ZooKeeper root and state directory of this file's own. Each reports the live-config version
// it runs: the API instances on GET /api/health, the worker in its status file.

const env = liveConfigTestEnv("procs");
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "hivemind-live-procs-"));
const opsEnv = { HIVEMIND_ENV: env };
let database: TestDatabase;
const children: ChildProcess[] = [];
let apiPorts: number[] = [];
let workerPid = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

function start(main: string, extra: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", main], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: "warn", HIVEMIND_ENV: env, HIVEMIND_STATE_DIR: stateDir, DATABASE_URL: database.url, ...extra },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

interface Seen {
  name: string;
  status: LiveConfigStatus;
  readOnly: boolean | undefined;
}

/** What each of the three processes reports now. */
async function observe(): Promise<Seen[]> {
  const apis = await Promise.all(
    apiPorts.map(async (port, i): Promise<Seen> => {
      const body = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as { config: LiveConfigStatus; readOnly: boolean };
      return { name: `api-${i}`, status: body.config, readOnly: body.readOnly };
    }),
  );
  const file = path.join(processStatusDir(stateDir), `worker-${workerPid}.json`);
  const worker = processStatusSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  return [...apis, { name: "worker", status: worker.config, readOnly: undefined }];
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Wait until all three run `version`; returns each one's latency from the write (the version's
 * `at`, stamped by the CLI) to its apply (`appliedAt`, stamped by the process), and prints them.
 */
async function arrival(version: number, label: string): Promise<Seen[]> {
  const seen = await until(`v${version} in all three processes`, async () => {
    const s = await observe();
    return s.every((x) => x.status.version === version) ? s : undefined;
  }, 10_000);
  const lines = seen.map((s) => `${s.name} ${Date.parse(s.status.appliedAt) - Date.parse(s.status.at)} ms`);
  console.log(`${label}: v${version} applied (write → apply): ${lines.join(", ")}`);
  return seen;
}

async function cli(args: string[]): Promise<number> {
  const res = await ops([...args, "--json"], opsEnv);
  expect(res.code, res.stderr || res.stdout).toBe(0);
  return (JSON.parse(res.stdout) as { version: number }).version;
}

beforeAll(async () => {
  database = await createTestDatabase();
  apiPorts = [await freePort(), await freePort()];
  for (const port of apiPorts) start("apps/api/src/main.ts", { API_PORT: String(port) });
  workerPid = start("apps/worker/src/main.ts", {}).pid!;
  await until("the three processes to report", async () => ((await observe()).length === 3 ? true : undefined), 60_000);
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : Promise.race([new Promise((r) => c.once("exit", r)), sleep(10_000)]))));
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await database?.drop();
  const coord = new Coord({ connectString: config().zookeeper.connectString, root: `/hivemind/${env}` });
  await coord.start();
  await coord.removeTree(coord.root).catch(() => undefined);
  await coord.destroy();
  fs.rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

describe("live config in three app processes", () => {
  it("a value set with the CLI reaches both API instances and the worker within 1 s; an invalid one is refused everywhere; rollback restores it in all three", async () => {
    const initial = await observe();
    expect(initial.map((s) => s.status.source)).toEqual(["zookeeper", "zookeeper", "zookeeper"]);
    const v1 = await cli(["config", "set", "scheduler.intervalSeconds=120"]);
    for (const s of await arrival(v1, "set scheduler.intervalSeconds=120")) expect(Date.parse(s.status.appliedAt) - Date.parse(s.status.at)).toBeLessThan(1_000);

    const v2 = await cli(["config", "set", "readOnly.enabled=true", "scheduler.intervalSeconds=600"]);
    const readOnly = await arrival(v2, "set readOnly.enabled=true");
    for (const s of readOnly) expect(Date.parse(s.status.appliedAt) - Date.parse(s.status.at)).toBeLessThan(1_000);
    expect(readOnly.filter((s) => s.name.startsWith("api")).map((s) => s.readOnly)).toEqual([true, true]);

    // Refused before anything is written: the field is named and every process stays on v2.
    const bad = await ops(["config", "set", "scheduler.intervalSeconds=1", "--json"], opsEnv);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { field: "scheduler.intervalSeconds" } });
    await sleep(300);
    expect((await observe()).map((s) => s.status.version)).toEqual([v2, v2, v2]);

    const v3 = await cli(["config", "rollback", String(v1)]);
    const rolledBack = await arrival(v3, `rollback to v${v1}`);
    for (const s of rolledBack) expect(Date.parse(s.status.appliedAt) - Date.parse(s.status.at)).toBeLessThan(1_000);
    expect(rolledBack.filter((s) => s.name.startsWith("api")).map((s) => s.readOnly)).toEqual([false, false]);
    const coord = new Coord({ connectString: config().zookeeper.connectString, root: `/hivemind/${env}` });
    await coord.start();
    try {
      expect((await getConfigVersion(coord, v3)).config).toEqual((await getConfigVersion(coord, v1)).config);
    } finally {
      await coord.destroy();
    }
  }, 120_000);
});
