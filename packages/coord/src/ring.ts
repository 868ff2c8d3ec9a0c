import { z } from "zod";
import { config } from "@hivemind/config";
import { RingNodeNotFoundError } from "./errors.js";
import { ringLog as log } from "./logger.js";
import { ZkException, zkErrorCode, type Coord, type TxOp } from "./zk.js";

/** A Redis node of the cache ring. */
export interface RingNode {
  id: string;
  host: string;
  port: number;
  url: string;
}

/** Present while a node is out of the ring. */
export interface Ejection {
  id: string;
  reason: string;
  /** ISO time of the ejection. */
  at: string;
  /** "sentinel" or "ops:<who>". */
  by: string;
  /** A manual ejection is never re-admitted automatically: only `ops ring restore` ends it. */
  manual: boolean;
}

export interface RingSnapshot {
  nodes: RingNode[];
  ejections: Ejection[];
  /** Registered and not ejected, sorted by id. */
  live: string[];
}

const nodeSchema = z.object({ host: z.string(), port: z.number().int(), url: z.string() });
const ejectionSchema = z.object({ reason: z.string(), at: z.string(), by: z.string(), manual: z.boolean() });

function json(v: unknown): Buffer {
  return Buffer.from(JSON.stringify(v));
}

/**
 * Register the ring's nodes (default: config().redis.nodes). Idempotent; an address that changed
 * is updated. With `prune`, registered nodes not in the list are removed (with their ejections).
 */
export async function registerRingNodes(coord: Coord, nodes: readonly RingNode[] = config().redis.nodes, opts: { prune?: boolean } = {}): Promise<void> {
  const p = coord.paths;
  await coord.mkdirp(p.ringNodes);
  await coord.mkdirp(p.ringEjections);
  for (const n of nodes) {
    const data = json({ host: n.host, port: n.port, url: n.url });
    const existing = await coord.getData(p.ringNode(n.id));
    if (!existing) {
      try {
        await coord.create(p.ringNode(n.id), data);
      } catch (err) {
        if (zkErrorCode(err) !== ZkException.NODE_EXISTS) throw err;
      }
    } else if (!existing.data?.equals(data)) await coord.setData(p.ringNode(n.id), data);
  }
  if (opts.prune) {
    const keep = new Set(nodes.map((n) => n.id));
    for (const id of (await coord.getChildren(p.ringNodes)) ?? []) {
      if (keep.has(id)) continue;
      await coord.remove(p.ringEjection(id));
      await coord.remove(p.ringNode(id));
    }
  }
}

async function readNodes(coord: Coord, watcher?: () => void): Promise<RingNode[]> {
  const ids = ((await coord.getChildren(coord.paths.ringNodes, watcher)) ?? []).sort();
  const nodes = await Promise.all(
    ids.map(async (id) => {
      const node = await coord.getData(coord.paths.ringNode(id));
      if (!node?.data) return undefined;
      const parsed = nodeSchema.safeParse(JSON.parse(node.data.toString("utf8")));
      return parsed.success ? { id, ...parsed.data } : undefined;
    }),
  );
  return nodes.filter((n): n is RingNode => n !== undefined);
}

async function readEjections(coord: Coord, watcher?: () => void): Promise<Ejection[]> {
  const ids = ((await coord.getChildren(coord.paths.ringEjections, watcher)) ?? []).sort();
  const out = await Promise.all(
    ids.map(async (id): Promise<Ejection> => {
      const node = await coord.getData(coord.paths.ringEjection(id));
      const parsed = node?.data ? ejectionSchema.safeParse(JSON.parse(node.data.toString("utf8") || "{}")) : undefined;
      // An ejection znode with unreadable data still ejects: presence is what counts.
      return parsed?.success ? { id, ...parsed.data } : { id, reason: "unknown", at: "", by: "unknown", manual: true };
    }),
  );
  return out;
}

function snapshotOf(nodes: RingNode[], ejections: Ejection[]): RingSnapshot {
  const out = new Set(ejections.map((e) => e.id));
  return { nodes, ejections, live: nodes.map((n) => n.id).filter((id) => !out.has(id)).sort() };
}

/** The ring as ZooKeeper has it now. */
export async function readRing(coord: Coord): Promise<RingSnapshot> {
  const [nodes, ejections] = await Promise.all([readNodes(coord), readEjections(coord)]);
  return snapshotOf(nodes, ejections);
}

async function requireNode(coord: Coord, id: string): Promise<void> {
  if (await coord.exists(coord.paths.ringNode(id))) return;
  throw new RingNodeNotFoundError(id, ((await coord.getChildren(coord.paths.ringNodes)) ?? []).sort());
}

export interface EjectOptions {
  reason: string;
  by: string;
  manual: boolean;
  /** Extra transaction operations (the sentinel's leader fence). */
  fence?: TxOp[];
}

/**
 * Eject a node. Returns false if it was already ejected (a manual ejection of a node the
 * sentinel had ejected turns it into a manual one, so it is not re-admitted automatically).
 */
export async function ejectNode(coord: Coord, id: string, opts: EjectOptions): Promise<boolean> {
  await requireNode(coord, id);
  const path = coord.paths.ringEjection(id);
  const data = json({ reason: opts.reason, at: new Date().toISOString(), by: opts.by, manual: opts.manual });
  try {
    await coord.transaction([...(opts.fence ?? []), { op: "create", path, data }]);
    log.warn({ node: id, reason: opts.reason, by: opts.by }, "cache node ejected");
    return true;
  } catch (err) {
    if (zkErrorCode(err) !== ZkException.NODE_EXISTS) throw err;
    if (opts.manual) await coord.transaction([...(opts.fence ?? []), { op: "setData", path, data }]);
    return false;
  }
}

export interface RestoreOptions {
  /** Empties the node (FLUSHALL). Runs before the ejection is removed; if it throws, the node stays out. */
  flush: (node: RingNode) => Promise<void>;
  fence?: TxOp[];
  /**
   * Leave manual ejections alone (the sentinel's automatic re-admission). The ejection is
   * removed only if it is still the one read here (znode data version), so a manual ejection
   * made meanwhile wins.
   */
  onlyAutomatic?: boolean;
}

/**
 * Flush a node and re-admit it. The flush comes first: a node rejoins empty, so it never
 * serves a value from before its ejection (its keys lived on the other nodes meanwhile).
 * Returns false if it was not ejected (or, with onlyAutomatic, was ejected by hand).
 */
export async function restoreNode(coord: Coord, id: string, opts: RestoreOptions): Promise<boolean> {
  await requireNode(coord, id);
  const path = coord.paths.ringEjection(id);
  const ejection = await coord.getData(path);
  if (!ejection) return false;
  if (opts.onlyAutomatic) {
    const parsed = ejectionSchema.safeParse(JSON.parse(ejection.data?.toString("utf8") || "{}"));
    if (!parsed.success || parsed.data.manual) return false;
  }
  const node = (await readNodes(coord)).find((n) => n.id === id);
  if (!node) throw new RingNodeNotFoundError(id, []);
  await opts.flush(node);
  try {
    await coord.transaction([...(opts.fence ?? []), { op: "remove", path, version: ejection.stat.version }]);
  } catch (err) {
    const code = zkErrorCode(err);
    if (code === ZkException.NO_NODE || code === ZkException.BAD_VERSION) return false;
    throw err;
  }
  log.info({ node: id }, "cache node flushed and re-admitted");
  return true;
}

export type RingListener = (live: readonly string[], snapshot: RingSnapshot) => void;

/**
 * The live members of the ring, kept current by watches on `<root>/ring/nodes` and
 * `<root>/ring/ejections`: an ejection reaches `live()` and the onChange listeners one ZooKeeper
 * notification after it is written (milliseconds). The cache client routes only to `live()`.
 *
 * Until ZooKeeper first answers, every node of `initial` (default config().redis.nodes) counts
 * as live; while ZooKeeper is away the last known membership stays in force.
 */
export class RingMembership {
  private snap: RingSnapshot;
  private readonly listeners = new Set<RingListener>();
  private seq = 0;
  private applied = 0;
  private destroyed = false;
  private readonly offs: (() => void)[] = [];
  private fromZk = false;

  private constructor(
    readonly coord: Coord,
    initial: readonly RingNode[],
  ) {
    this.snap = snapshotOf([...initial], []);
  }

  static async start(coord: Coord, opts: { initial?: readonly RingNode[] } = {}): Promise<RingMembership> {
    const ring = new RingMembership(coord, opts.initial ?? config().redis.nodes);
    ring.offs.push(coord.on("connected", () => void ring.refresh()));
    if (coord.state === "closed") await coord.start();
    if (coord.connected) await ring.refresh();
    return ring;
  }

  /** Ids of the nodes to use, sorted. */
  live(): readonly string[] {
    return this.snap.live;
  }

  /** The live nodes with their addresses. */
  liveNodes(): RingNode[] {
    const live = new Set(this.snap.live);
    return this.snap.nodes.filter((n) => live.has(n.id));
  }

  snapshot(): RingSnapshot {
    return this.snap;
  }

  /** Whether the membership came from ZooKeeper (false: still the initial guess). */
  get synced(): boolean {
    return this.fromZk;
  }

  onChange(listener: RingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    for (const off of this.offs) off();
    this.listeners.clear();
  }

  private readonly watcher = () => void this.refresh();

  private async refresh(): Promise<void> {
    if (this.destroyed) return;
    const seq = ++this.seq;
    try {
      // The parents must exist for the child watches to be set.
      await this.coord.mkdirp(this.coord.paths.ringNodes);
      await this.coord.mkdirp(this.coord.paths.ringEjections);
      const [nodes, ejections] = await Promise.all([readNodes(this.coord, this.watcher), readEjections(this.coord, this.watcher)]);
      if (this.destroyed || seq < this.applied) return;
      this.applied = seq;
      const next = snapshotOf(nodes, ejections);
      const changed = next.live.join(",") !== this.snap.live.join(",");
      this.snap = next;
      this.fromZk = true;
      if (!changed) return;
      log.info({ live: next.live, ejected: ejections.map((e) => e.id) }, "ring membership changed");
      for (const l of this.listeners) {
        try {
          l(next.live, next);
        } catch (err) {
          log.error({ err }, "ring listener failed");
        }
      }
    } catch (err) {
      if (!this.destroyed) log.warn({ err }, "could not read ring membership; keeping the last known");
    }
  }
}
