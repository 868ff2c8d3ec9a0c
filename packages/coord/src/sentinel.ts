import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { LiveConfigDoc } from "@hivemind/core";
import { elect, type Election, type LeaderTerm } from "./election.js";
import { sentinelLog as log } from "./logger.js";
import { ioredisProbe, type RedisProbe } from "./redis-probe.js";
import { ejectNode, readRing, registerRingNodes, restoreNode, type RingNode } from "./ring.js";
import type { Coord } from "./zk.js";

export interface SentinelOptions {
  coord: Coord;
  /** Thresholds are read from `current().ejection` on every round, so a config change applies at once. */
  liveConfig: { current(): LiveConfigDoc };
  probe?: RedisProbe;
  /** Nodes the leader registers when its term begins (default: none; the ring as registered). */
  register?: readonly RingNode[];
  /** Hooks for tests and logs. */
  onEject?: (id: string, reason: string) => void;
  onRestore?: (id: string) => void;
}

export interface Sentinel {
  readonly election: Election;
  isLeader(): boolean;
  destroy(): Promise<void>;
}

interface NodeHealth {
  failures: number;
  lastError: string;
  /** Monotonic ms of the first good check of the current healthy streak. */
  healthySince: number | undefined;
}

/**
 * The cache sentinel: one active per root (leader election "sentinel"). As leader, every
 * `ejection.checkIntervalMs` it PINGs each registered node with `ejection.timeoutMs`;
 * `ejection.failures` failures in a row (an error or no answer: a hung node) eject it. An ejected
 * node that answers every check for `ejection.healthyPeriodMs` is flushed (FLUSHALL) and then
 * re-admitted. Manual ejections (ops) are never re-admitted here. Every ZooKeeper write carries
 * the term's fence, so a sentinel that lost its session cannot eject or re-admit anything.
 */
export function startSentinel(opts: SentinelOptions): Sentinel {
  const probe = opts.probe ?? ioredisProbe();
  const ownsProbe = !opts.probe;

  const lead = async (term: LeaderTerm) => {
    if (opts.register) await registerRingNodes(opts.coord, opts.register).catch((err: unknown) => log.warn({ err }, "could not register ring nodes"));
    const health = new Map<string, NodeHealth>();
    log.info("sentinel active");
    while (!term.signal.aborted) {
      const started = performance.now();
      const cfg = opts.liveConfig.current().ejection;
      try {
        const ring = await readRing(opts.coord);
        const ejected = new Map(ring.ejections.map((e) => [e.id, e]));
        await Promise.all(ring.nodes.map((node) => checkNode(term, node, ejected.get(node.id), health, cfg)));
      } catch (err) {
        if (!term.signal.aborted) log.warn({ err }, "sentinel round failed");
      }
      const wait = cfg.checkIntervalMs - (performance.now() - started);
      if (wait > 0) await sleep(wait, undefined, { signal: term.signal }).catch(() => undefined);
    }
    log.info("sentinel standing down");
  };

  const checkNode = async (
    term: LeaderTerm,
    node: RingNode,
    ejection: { manual: boolean } | undefined,
    health: Map<string, NodeHealth>,
    cfg: LiveConfigDoc["ejection"],
  ) => {
    let h = health.get(node.id);
    if (!h) health.set(node.id, (h = { failures: 0, lastError: "", healthySince: undefined }));
    let ok = true;
    try {
      await probe.ping(node, cfg.timeoutMs);
    } catch (err) {
      ok = false;
      h.lastError = err instanceof Error ? err.message : String(err);
    }
    const now = performance.now();
    if (ok) {
      h.failures = 0;
      h.healthySince ??= now;
    } else {
      h.failures++;
      h.healthySince = undefined;
    }
    if (!term.isLeader()) return;
    if (!ejection) {
      if (h.failures >= cfg.failures) {
        const reason = `${h.failures} failed health checks: ${h.lastError}`;
        if (await ejectNode(opts.coord, node.id, { reason, by: "sentinel", manual: false, fence: [term.fence()] })) opts.onEject?.(node.id, reason);
      }
      return;
    }
    if (ejection.manual || !ok || h.healthySince === undefined || now - h.healthySince < cfg.healthyPeriodMs) return;
    const restored = await restoreNode(opts.coord, node.id, {
      flush: (n) => probe.flushAll(n, Math.max(1000, cfg.timeoutMs * 10)),
      fence: [term.fence()],
      onlyAutomatic: true,
    });
    if (restored) opts.onRestore?.(node.id);
  };

  const election = elect(
    opts.coord,
    "sentinel",
    (term) => lead(term),
    (reason) => log.warn({ reason }, "sentinel lost leadership"),
  );

  return {
    election,
    isLeader: () => election.isLeader(),
    async destroy() {
      await election.resign();
      if (ownsProbe) await probe.close();
    },
  };
}
