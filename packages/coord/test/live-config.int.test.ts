import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTimeout as sleep } from "node:timers/promises";
import { Coord, currentConfigVersion } from "../src/index.js";
import { Child, freePort, removeTree, runOps, stackZk, testEnv, tmpDir } from "./helpers.js";

const env = testEnv("lc");
const stateDir = tmpDir("lc");
const childEnv = { HIVEMIND_ENV: env, HIVEMIND_STATE_DIR: stateDir };
const coord = new Coord({ connectString: stackZk(), root: `/hivemind/${env}` });
let children: Child[] = [];

async function ops(...args: string[]) {
  const r = await runOps([...args, "--json"], childEnv);
  return { code: r.code, out: JSON.parse(r.stdout || "null") as Record<string, unknown>, stderr: r.stderr };
}

beforeAll(async () => {
  expect(await coord.start()).toBe(true);
  children = [0, 1, 2].map(() => new Child("live-config-child.ts", [], childEnv));
  await Promise.all(children.map((c) => c.waitFor((e) => e.ev === "ready", 20_000, "ready")));
});

afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await removeTree(coord, `/hivemind/${env}`);
  await coord.destroy();
});

describe("live config across three processes", () => {
  it("starts every process on the defaults (v0) when nothing was ever written", () => {
    for (const c of children) expect(c.events[0]).toMatchObject({ ev: "ready", version: 0, source: "zookeeper", readOnly: false });
  });

  it("a value set with the CLI reaches all three processes within 1 s", async () => {
    const first = await ops("config", "set", "scheduler.intervalSeconds=120", "--author", "int-test");
    expect(first.code).toBe(0);
    expect(first.out).toMatchObject({ changed: true, version: 1, author: "int-test" });
    await Promise.all(children.map((c) => c.waitFor((e) => e.ev === "change" && e.version === 1, 5_000, "v1")));

    const set = await ops("config", "set", "readOnly.enabled=true", "readOnly.message=down for maintenance", "--author", "int-test");
    expect(set.code).toBe(0);
    expect(set.out).toMatchObject({ changed: true, version: 2 });
    const committedAt = Date.parse(set.out["at"] as string);
    const latencies = await Promise.all(
      children.map(async (c) => {
        const e = await c.waitFor((ev) => ev.ev === "change" && ev.version === 2, 5_000, "v2");
        expect(e).toMatchObject({ readOnly: true, message: "down for maintenance" });
        return e.t - committedAt;
      }),
    );
    console.log(`live config v2 reached 3 processes: ${latencies.map((l) => `${l} ms`).join(", ")} after the write (max ${Math.max(...latencies)} ms)`);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  it("an invalid value is refused naming the field, and nothing changes anywhere", async () => {
    const before = children.map((c) => c.events.length);
    const bad = await ops("config", "set", "readOnly.enabled=maybe");
    expect(bad.code).toBe(2);
    expect(bad.out).toMatchObject({ error: { field: "readOnly.enabled" } });
    expect(String((bad.out["error"] as { message: string }).message)).toContain("readOnly.enabled");
    const typo = await ops("config", "set", "readOnly.enabeld=true");
    expect(typo.out).toMatchObject({ error: { field: "readOnly.enabeld", message: "live config: readOnly.enabeld: unknown field" } });
    await sleep(500);
    expect((await currentConfigVersion(coord)).version).toBe(2);
    expect((await coord.getChildren(coord.paths.configVersions))?.length).toBe(2);
    expect(children.map((c) => c.events.length)).toEqual(before);
  });

  it("history has every version with its author and time; diff shows what changed", async () => {
    const history = await runOps(["config", "history", "--json"], childEnv);
    const versions = JSON.parse(history.stdout) as { version: number; author: string; at: string }[];
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions.every((v) => v.author === "int-test" && !Number.isNaN(Date.parse(v.at)))).toBe(true);
    const diff = await ops("config", "diff", "1", "2");
    expect(diff.out["changes"]).toEqual([
      { key: "readOnly.enabled", from: false, to: true },
      { key: "readOnly.message", from: "hivemind is in read-only mode for maintenance; try again soon.", to: "down for maintenance" },
    ]);
  });

  it("rollback restores the previous version in all three processes", async () => {
    const rb = await ops("config", "rollback", "1", "--author", "int-test");
    expect(rb.code).toBe(0);
    expect(rb.out).toMatchObject({ version: 3, rolledBackTo: 1, note: "rollback to v1" });
    for (const c of children) {
      const e = await c.waitFor((ev) => ev.ev === "change" && ev.version === 3, 5_000, "v3");
      expect(e).toMatchObject({ readOnly: false });
    }
    const diff = await ops("config", "diff", "1", "3");
    expect(diff.out["changes"]).toEqual([]);
  });

  it("a process that starts while ZooKeeper is down runs on the disk copy, and says so", async () => {
    const deadPort = String(await freePort());
    const onDisk = new Child("live-config-child.ts", ["1000"], { ...childEnv, ZK_PORT: deadPort });
    const blank = new Child("live-config-child.ts", ["1000"], { ...childEnv, ZK_PORT: deadPort, HIVEMIND_STATE_DIR: tmpDir("lc-blank") });
    try {
      expect(await onDisk.waitFor((e) => e.ev === "ready", 20_000)).toMatchObject({ version: 3, source: "disk", readOnly: false });
      expect(await blank.waitFor((e) => e.ev === "ready", 20_000)).toMatchObject({ version: 0, source: "defaults" });
    } finally {
      await Promise.all([onDisk.stop(), blank.stop()]);
    }
  });
});
