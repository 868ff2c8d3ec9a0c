import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Coord } from "../src/index.js";
import { Child, removeTree, stackZk, testEnv, waitUntil, type ChildEvent } from "./helpers.js";

// ZooKeeper's minimum (2 ticks of 2000 ms): the fastest takeover the server allows.
const SESSION_TIMEOUT_MS = 4_000;
// The server checks for expired sessions once per tick, so an expiry lands up to a tick late.
const TICK_MS = 2_000;
const root = `/hivemind/${testEnv("el")}`;
const coord = new Coord({ connectString: stackZk(), root });
const candidates: Child[] = [];

function spawnCandidate(): Child {
  const c = new Child("election-child.ts", [stackZk(), root, String(SESSION_TIMEOUT_MS)], {});
  candidates.push(c);
  return c;
}

const allEvents = () => candidates.flatMap((c) => c.events).sort((a, b) => a.t - b.t);

/** Walk every act of every candidate in time order: the acting pid may change only after the previous leader's last act. */
function assertNeverTwoLeaders(): void {
  const acts = allEvents().filter((e) => e.ev === "act");
  const spans = new Map<number, { first: number; last: number }[]>();
  let prev: ChildEvent | undefined;
  for (const a of acts) {
    const list = spans.get(a.pid) ?? [];
    if (!prev || prev.pid !== a.pid) list.push({ first: a.t, last: a.t });
    else list[list.length - 1]!.last = a.t;
    spans.set(a.pid, list);
    prev = a;
  }
  const all = [...spans.entries()].flatMap(([pid, s]) => s.map((x) => ({ pid, ...x }))).sort((a, b) => a.first - b.first);
  for (let i = 1; i < all.length; i++) {
    expect(all[i]!.first, `pid ${all[i]!.pid} acted while pid ${all[i - 1]!.pid} still did`).toBeGreaterThan(all[i - 1]!.last);
  }
}

async function currentLeader(since: number): Promise<Child> {
  let leader: Child | undefined;
  await waitUntil("a leader acting", () => (leader = candidates.find((c) => !c.exited && c.events.some((e) => e.ev === "act" && e.t > since))) !== undefined, 20_000);
  return leader!;
}

beforeAll(async () => {
  expect(await coord.start()).toBe(true);
  for (let i = 0; i < 3; i++) spawnCandidate();
  await Promise.all(candidates.map((c) => c.waitFor((e) => e.ev === "ready", 20_000, "ready")));
});

afterAll(async () => {
  await Promise.all(candidates.map((c) => c.stop()));
  await removeTree(coord, root);
  await coord.destroy();
});

describe("leader election for a singleton job", () => {
  it("exactly one of three candidates leads", async () => {
    const leader = await currentLeader(0);
    await new Promise((r) => setTimeout(r, 500));
    const leaders = candidates.filter((c) => c.events.some((e) => e.ev === "leader"));
    expect(leaders.map((c) => c.pid)).toEqual([leader.pid]);
    assertNeverTwoLeaders();
  });

  it("the leader killed with SIGKILL: another takes over within the session timeout, never two at once", async () => {
    const leader = await currentLeader(0);
    const killedAt = Date.now();
    leader.kill("SIGKILL");
    const next = await currentLeader(killedAt);
    const took = next.events.find((e) => e.ev === "leader" && e.t > killedAt)!.t - killedAt;
    console.log(`leader SIGKILLed: pid ${next.pid} took over after ${took} ms (session timeout ${SESSION_TIMEOUT_MS} ms, tick ${TICK_MS} ms)`);
    expect(next.pid).not.toBe(leader.pid);
    expect(took).toBeLessThanOrEqual(SESSION_TIMEOUT_MS + TICK_MS);
    assertNeverTwoLeaders();
  });

  it("a leader paused (SIGSTOP) past its session stops acting on its own when resumed: still never two at once", async () => {
    spawnCandidate(); // keep three alive
    await candidates.at(-1)!.waitFor((e) => e.ev === "ready", 20_000);
    const leader = await currentLeader(0);
    const stoppedAt = Date.now();
    leader.kill("SIGSTOP");
    const next = await currentLeader(stoppedAt);
    expect(next.pid).not.toBe(leader.pid);
    const tookOver = next.events.find((e) => e.ev === "leader" && e.t > stoppedAt)!.t;
    // Resume the old leader while the new one acts: its lease lapsed, so it reports the loss and never acts.
    leader.kill("SIGCONT");
    const lost = await leader.waitFor((e) => e.ev === "lost" && e.t > stoppedAt, 10_000, "lost");
    console.log(`paused leader resumed ${Date.now() - tookOver} ms after the takeover; it reported "${String(lost["reason"])}"`);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(leader.events.filter((e) => e.ev === "act" && e.t > stoppedAt)).toEqual([]);
    assertNeverTwoLeaders();
  });
});
