/**
 * The cache ring client: one ioredis connection per Redis node, keys placed by the HashRing,
 * a circuit breaker per node. Reads degrade, they don't fail: a node that is down, hung, broken
 * locally or out of the ring makes its keys misses. Writes to such a node are dropped and
 * reported in the result, so the caller knows which keys to rebuild; the client also remembers
 * them (the node's "dirty" keys) and never reads them from that node again until it has deleted
 * them there, so a write lost on a node never turns into a stale read from it.
 */
import { randomUUID } from "node:crypto";
import { Redis, ReplyError } from "ioredis";
import { config } from "@hivemind/config";
import { Breaker, DEFAULT_BREAKER, type BreakerOptions, type BreakerState } from "./breaker.js";
import { CacheNodeUnavailableError, CacheTimeoutError, UnknownCacheNodeError } from "./errors.js";
import { log } from "./logger.js";
import { DEFAULT_VNODES, HashRing } from "./ring.js";

export interface CacheNode {
  id: string;
  host: string;
  port: number;
}

export interface CacheRingOptions {
  /** Every node the client may route to; default config().redis.nodes. */
  nodes?: readonly CacheNode[];
  /** Initial ring members (ids of `nodes`); default all of them. */
  members?: readonly string[];
  /** Longest a read or write waits for one node. Default 200 ms. */
  commandTimeoutMs?: number;
  breaker?: Partial<BreakerOptions>;
  vnodes?: number;
  /** Keys remembered per node as possibly stale; past this the node is flushed on recovery. */
  maxDirtyKeys?: number;
}

export interface ScoredMember {
  member: string;
  score: number;
}

/** Why a key was not read or written on its node. */
export type CacheFailure = "no-node" | "breaker-open" | "timeout" | "unavailable" | "error";

export interface DroppedWrite {
  key: string;
  /** The node that should have taken the write (undefined when the ring was empty). */
  node: string | undefined;
  reason: CacheFailure;
}

export interface SetOptions {
  ttlSeconds?: number;
  /** Write only keys that hold nothing (SET NX): a reader's fill never overwrites a writer's value. */
  ifAbsent?: boolean;
}

export interface WriteResult {
  /** True when every write reached its node. */
  ok: boolean;
  dropped: DroppedWrite[];
}

/** One listing's change, applied on its node in one MULTI with the others there. */
/** A listing's size, lowest member and the scores of the members asked about (see listingState). */
export interface ListingState {
  size: number;
  lowest: ScoredMember | undefined;
  scores: Map<string, number>;
}

export interface ListingWrite {
  key: string;
  /** Delete the listing first: the result is exactly `upsert` (atomic, readers never see a gap). */
  replace?: boolean;
  /** ZADD: new members, and new scores for existing ones (an overwrite, never delete + insert). */
  upsert?: readonly ScoredMember[];
  /** ZREM these members. */
  remove?: readonly string[];
  /** Keep only the `cap` highest-scored members. */
  cap?: number;
  /** EXPIRE the listing. */
  ttlSeconds?: number;
}

export interface NodeStatus {
  id: string;
  host: string;
  port: number;
  /** In the ring (not ejected). */
  member: boolean;
  /** The connection's state as ioredis reports it ("ready" when usable). */
  connection: string;
  breaker: BreakerState;
  recentFailures: number;
  /** Keys whose last write here was lost, not yet deleted here. */
  dirtyKeys: number;
}

export type BreakerListener = (nodeId: string, state: BreakerState) => void;

type Outcome<T> = { ok: true; value: T } | { ok: false; reason: CacheFailure };

interface Conn {
  node: CacheNode;
  redis: Redis;
  breaker: Breaker;
  dirty: Set<string>;
  /** More keys were lost than `maxDirtyKeys`: flush the node before using it again. */
  dirtyOverflow: boolean;
  repairing: boolean;
  probeTimer: NodeJS.Timeout | undefined;
}

const DEFAULT_TIMEOUT_MS = 200;
const DEFAULT_MAX_DIRTY = 10_000;
/** Ops calls (flushNode, ping) may take longer than a request's command. */
const OPS_TIMEOUT_MS = 5_000;
const REPAIR_CHUNK = 500;

export class CacheRing {
  private ring: HashRing;
  private readonly conns = new Map<string, Conn>();
  private readonly timeoutMs: number;
  private readonly maxDirty: number;
  private readonly listeners = new Set<BreakerListener>();
  private readonly breakerOptions: BreakerOptions;
  private started = false;
  private destroyed = false;

  constructor(options: CacheRingOptions = {}) {
    const nodes = options.nodes ?? config().redis.nodes;
    this.timeoutMs = options.commandTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxDirty = options.maxDirtyKeys ?? DEFAULT_MAX_DIRTY;
    this.breakerOptions = { ...DEFAULT_BREAKER, ...options.breaker };
    for (const node of nodes) {
      if (this.conns.has(node.id)) throw new RangeError(`cache node ${node.id} is listed twice`);
      this.addConn(node);
    }
    const members = options.members ?? nodes.map((n) => n.id);
    for (const id of members) this.conn(id);
    this.ring = HashRing.of(members, options.vnodes ?? DEFAULT_VNODES);
  }

  /** Connect every node. A node that is down is logged and left reconnecting; this never throws. */
  async start(): Promise<void> {
    this.started = true;
    await Promise.all([...this.conns.values()].map((c) => connect(c)));
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const c of this.conns.values()) clearTimeout(c.probeTimer);
    await Promise.all([...this.conns.values()].map((c) => c.redis.quit().catch(() => c.redis.disconnect())));
  }

  // ---- membership (driven by packages/coord on ZooKeeper watch events) ----

  /** The ring members now (sorted ids). */
  members(): readonly string[] {
    return this.ring.nodes;
  }

  /**
   * Make exactly these nodes the ring. A node left out is never read or written while out; its
   * keys go to the others. Re-admit a node only after flushNode. A member given as a CacheNode the
   * client does not know yet (a node registered later) gets a connection; an id alone must be known.
   */
  setMembers(members: readonly (string | CacheNode)[]): void {
    const ids = members.map((m) => (typeof m === "string" ? m : m.id));
    for (const m of members) if (typeof m === "string") this.conn(m);
    for (const m of members) {
      if (typeof m !== "string" && !this.conns.has(m.id)) {
        const c = this.addConn(m);
        if (this.started) void connect(c);
      }
    }
    const next = HashRing.of(ids, this.ring.vnodes);
    const before = new Set(this.ring.nodes);
    const added = next.nodes.filter((id) => !before.has(id));
    const removed = this.ring.nodes.filter((id) => !next.has(id));
    this.ring = next;
    if (added.length || removed.length) log.info({ added, removed, members: next.nodes }, "cache ring membership changed");
  }

  /** The node that holds `key` in the current ring. */
  nodeFor(key: string): string | undefined {
    return this.ring.nodeFor(key);
  }

  /**
   * The connection of the node that holds `key` now, for a client library that speaks Redis
   * itself (the abuse limits' counters). undefined when the ring is empty or the node's breaker is
   * open; its commands fail fast while the node is disconnected (no offline queue).
   */
  nodeClient(key: string): { id: string; redis: Redis } | undefined {
    const id = this.ring.nodeFor(key);
    if (id === undefined) return undefined;
    const c = this.conn(id);
    return c.breaker.allowsRequests ? { id, redis: c.redis } : undefined;
  }

  /** FLUSHDB one node (member or not), forget its dirty keys and close its breaker. Throws if unreachable. */
  async flushNode(id: string): Promise<void> {
    const c = this.conn(id);
    try {
      await deadline(c.redis.flushdb(), OPS_TIMEOUT_MS, id);
    } catch (err) {
      throw new CacheNodeUnavailableError(id, { cause: err });
    }
    c.dirty.clear();
    c.dirtyOverflow = false;
    this.closeBreaker(c);
    log.info({ node: id }, "cache node flushed");
  }

  /** PING one node; its round trip in ms. Throws CacheNodeUnavailableError. */
  async ping(id: string, timeoutMs = this.timeoutMs): Promise<number> {
    const c = this.conn(id);
    const t0 = performance.now();
    try {
      await deadline(c.redis.ping(), timeoutMs, id);
    } catch (err) {
      throw new CacheNodeUnavailableError(id, { cause: err });
    }
    return performance.now() - t0;
  }

  status(): NodeStatus[] {
    return [...this.conns.values()].map((c) => ({
      id: c.node.id,
      host: c.node.host,
      port: c.node.port,
      member: this.ring.has(c.node.id),
      connection: c.redis.status,
      breaker: c.breaker.state,
      recentFailures: c.breaker.recentFailures,
      dirtyKeys: c.dirty.size,
    }));
  }

  /** Called on every breaker change (open, closed); returns the unsubscribe function. */
  onBreakerChange(listener: BreakerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- JSON values (hydrated things) ----

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.mget<T>([key])).get(key);
  }

  /** Many keys: one MGET per node, all nodes in parallel. Misses (and keys of failed nodes) are absent. */
  async mget<T>(keys: readonly string[]): Promise<Map<string, T>> {
    return this.readByNode(keys, async (redis, nodeKeys) => {
      const raw = await redis.mget(...nodeKeys);
      return raw.map((s, i) => (s === null ? undefined : parseJson<T>(s, nodeKeys[i] as string)));
    });
  }

  async set(key: string, value: unknown, options: SetOptions = {}): Promise<WriteResult> {
    return this.setMany([{ key, value }], options);
  }

  /** Many values: one pipeline per node, in parallel. */
  async setMany(entries: readonly { key: string; value: unknown }[], options: SetOptions = {}): Promise<WriteResult> {
    const json = new Map<string, string>();
    for (const { key, value } of entries) json.set(key, stringifyJson(value, key));
    const ttl = options.ttlSeconds;
    if (ttl !== undefined) checkTtl(ttl);
    return this.writeByNode([...json.keys()], async (redis, nodeKeys) => {
      const p = redis.pipeline();
      for (const key of nodeKeys) {
        const v = json.get(key) as string;
        if (options.ifAbsent) {
          if (ttl === undefined) p.set(key, v, "NX");
          else p.set(key, v, "EX", ttl, "NX");
        } else if (ttl === undefined) p.set(key, v);
        else p.set(key, v, "EX", ttl);
      }
      checkReplies(await p.exec());
    });
  }

  /**
   * Leases for filling keys from the source of truth (memcache's leases, "Scaling Memcache at
   * Facebook"). A reader that missed takes a lease on each key BEFORE it reads the source, then
   * fills with `fillLeased`, which writes only where its lease still stands. A writer's `del`
   * after its commit removes the lease, so a fill carrying a value read before that commit is
   * dropped instead of caching it for the whole TTL. A key someone else holds a lease on (or
   * that was filled meanwhile) gets no lease: the reader uses what it read and writes nothing.
   * Returns key → lease token for the leases granted; reads see a leased key as a miss.
   */
  async lease(keys: readonly string[], ttlMs = 10_000): Promise<Map<string, string>> {
    return this.readByNode(keys, async (redis, nodeKeys) => {
      const p = redis.pipeline();
      const tokens = nodeKeys.map(() => randomUUID());
      nodeKeys.forEach((key, i) => p.set(key, LEASE_PREFIX + tokens[i], "PX", ttlMs, "NX"));
      const replies = (await p.exec()) ?? [];
      return replies.map(([err, reply], i) => (err === null && reply === "OK" ? tokens[i] : undefined));
    });
  }

  /** Writes each value only if the key still holds the caller's lease (see `lease`). */
  async fillLeased(entries: readonly { key: string; value: unknown; token: string }[], options: { ttlSeconds: number }): Promise<WriteResult> {
    checkTtl(options.ttlSeconds);
    const byKey = new Map(entries.map((e) => [e.key, e]));
    return this.writeByNode([...byKey.keys()], async (redis, nodeKeys) => {
      const p = redis.pipeline();
      for (const key of nodeKeys) {
        const e = byKey.get(key)!;
        p.eval(FILL_IF_LEASED, 1, key, LEASE_PREFIX + e.token, stringifyJson(e.value, key), options.ttlSeconds);
      }
      checkReplies(await p.exec());
    });
  }

  async del(keys: string | readonly string[]): Promise<WriteResult> {
    return this.writeByNode(typeof keys === "string" ? [keys] : keys, async (redis, nodeKeys) => {
      await redis.del(...nodeKeys);
    });
  }

  // ---- sorted sets (listings) ----

  /** Highest scores first, ranks start..stop inclusive (-1 = last). undefined = miss. */
  async zrevrange(key: string, start = 0, stop = -1): Promise<ScoredMember[] | undefined> {
    return (await this.zrangeMany([key], { start, stop, rev: true })).get(key);
  }

  /** Lowest scores first. undefined = miss. */
  async zrange(key: string, start = 0, stop = -1): Promise<ScoredMember[] | undefined> {
    return (await this.zrangeMany([key], { start, stop, rev: false })).get(key);
  }

  /**
   * The same rank range of many listings (e.g. the hot listings of a user's subscriptions):
   * one pipeline per node, all nodes in parallel. Listings that miss are absent from the map.
   */
  async zrangeMany(
    keys: readonly string[],
    range: { start?: number; stop?: number; rev?: boolean } = {},
  ): Promise<Map<string, ScoredMember[]>> {
    const { start = 0, stop = -1, rev = true } = range;
    return this.readByNode(keys, async (redis, nodeKeys) => {
      const p = redis.pipeline();
      for (const key of nodeKeys) {
        // Redis keeps no empty sorted set, so ZCARD 0 is a miss, not an empty listing.
        p.zcard(key);
        if (rev) p.zrevrange(key, start, stop, "WITHSCORES");
        else p.zrange(key, start, stop, "WITHSCORES");
      }
      const replies = checkReplies(await p.exec());
      return nodeKeys.map((_, i) => (replies[2 * i] === 0 ? undefined : toScored(replies[2 * i + 1] as string[])));
    });
  }

  /**
   * What a writer needs to patch a listing without reading it whole: its size, its lowest member
   * and the current scores of `members` (absent = not in it). undefined = a miss (no listing
   * there, the node is down, or a write to it was lost).
   */
  async listingState(key: string, members: readonly string[]): Promise<ListingState | undefined> {
    const got = await this.readByNode([key], async (redis) => {
      const p = redis.pipeline();
      p.zcard(key);
      p.zrange(key, 0, 0, "WITHSCORES");
      if (members.length > 0) p.zmscore(key, ...members);
      const replies = checkReplies(await p.exec());
      if (replies[0] === 0) return [undefined];
      const scores = new Map<string, number>();
      ((replies[2] as (string | null)[] | undefined) ?? []).forEach((v, i) => {
        if (v !== null) scores.set(members[i] as string, parseScore(v));
      });
      const lowest = toScored(replies[1] as string[])[0];
      return [{ size: replies[0] as number, lowest, scores }];
    });
    return got.get(key);
  }

  /**
   * Patch an existing listing atomically: ZREM `remove`, ZADD `upsert`, then pop the lowest
   * members past `cap` and return them. A listing that is not there is left alone (undefined):
   * a patch must never create a listing of just its own members. undefined also when the write
   * did not reach the node.
   */
  async patchListing(key: string, patch: { upsert: readonly ScoredMember[]; remove: readonly string[]; cap: number }): Promise<string[] | undefined> {
    if (!(Number.isInteger(patch.cap) && patch.cap >= 1)) throw new RangeError(`cap must be a positive integer, got ${patch.cap}`);
    for (const e of patch.upsert) if (Number.isNaN(e.score)) throw new RangeError(`score of ${e.member} in ${key} is NaN`);
    let popped: string[] | undefined;
    const result = await this.writeByNode([key], async (redis) => {
      const args = [String(patch.cap), String(patch.remove.length), ...patch.remove, ...patch.upsert.flatMap((e) => [String(e.score), e.member])];
      const reply = (await redis.eval(PATCH_LISTING, 1, key, ...args)) as string[] | null;
      popped = reply === null ? undefined : reply.filter((_, i) => i % 2 === 0);
    });
    return result.ok ? popped : undefined;
  }

  /** ZADD (overwriting scores), then trim to `cap` and set the TTL, atomically. */
  async zadd(key: string, entries: readonly ScoredMember[], options: { cap?: number; ttlSeconds?: number } = {}): Promise<WriteResult> {
    return this.updateListings([{ key, upsert: entries, ...options }]);
  }

  async zrem(key: string, members: readonly string[]): Promise<WriteResult> {
    return this.updateListings([{ key, remove: members }]);
  }

  /**
   * Caches a listing read from its source (Cassandra, Postgres) only if Redis holds no copy,
   * atomically: a reader that missed never overwrites a copy a writer put there while it read,
   * which may be newer than what it read. (Trimmed to `cap` and given the TTL when set.)
   */
  async fillListing(key: string, entries: readonly ScoredMember[], options: { cap?: number; ttlSeconds?: number } = {}): Promise<WriteResult> {
    if (options.cap !== undefined && !(Number.isInteger(options.cap) && options.cap >= 1)) throw new RangeError(`cap must be a positive integer, got ${options.cap}`);
    if (options.ttlSeconds !== undefined) checkTtl(options.ttlSeconds);
    for (const e of entries) if (Number.isNaN(e.score)) throw new RangeError(`score of ${e.member} in ${key} is NaN`);
    if (entries.length === 0) return { ok: true, dropped: [] };
    return this.writeByNode([key], async (redis) => {
      await redis.eval(FILL_LISTING, 1, key, String(options.cap ?? 0), String(options.ttlSeconds ?? 0), ...entries.flatMap((e) => [String(e.score), e.member]));
    });
  }

  /** Replace a whole listing atomically (MULTI): readers see the old one or the new one, never a gap. */
  async replaceListing(key: string, entries: readonly ScoredMember[], options: { cap?: number; ttlSeconds?: number } = {}): Promise<WriteResult> {
    return this.updateListings([{ key, replace: true, upsert: entries, ...options }]);
  }

  /** Many listing writes: one MULTI per node (atomic on that node), all nodes in parallel. */
  async updateListings(writes: readonly ListingWrite[]): Promise<WriteResult> {
    const byKey = new Map<string, ListingWrite[]>();
    for (const w of writes) {
      if (w.cap !== undefined && !(Number.isInteger(w.cap) && w.cap >= 1)) throw new RangeError(`cap must be a positive integer, got ${w.cap}`);
      if (w.ttlSeconds !== undefined) checkTtl(w.ttlSeconds);
      for (const e of w.upsert ?? []) if (Number.isNaN(e.score)) throw new RangeError(`score of ${e.member} in ${w.key} is NaN`);
      const list = byKey.get(w.key) ?? [];
      list.push(w);
      byKey.set(w.key, list);
    }
    return this.writeByNode([...byKey.keys()], async (redis, nodeKeys) => {
      const m = redis.multi();
      for (const key of nodeKeys) {
        for (const w of byKey.get(key) ?? []) {
          if (w.replace) m.del(key);
          if (w.remove?.length) m.zrem(key, ...w.remove);
          if (w.upsert?.length) m.zadd(key, ...w.upsert.flatMap((e) => [String(e.score), e.member]));
          if (w.cap !== undefined) m.zremrangebyrank(key, 0, -(w.cap + 1));
          if (w.ttlSeconds !== undefined) m.expire(key, w.ttlSeconds);
        }
      }
      checkReplies(await m.exec());
    });
  }

  // ---- routing, failure handling ----

  private addConn(node: CacheNode): Conn {
    const redis = new Redis({
      host: node.host,
      port: node.port,
      lazyConnect: true,
      enableOfflineQueue: false,
      commandTimeout: this.timeoutMs,
      connectTimeout: Math.max(1_000, this.timeoutMs),
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      retryStrategy: (times) => Math.min(50 * 2 ** times, 1_000),
      connectionName: "hivemind-cache",
      // The commands of one event-loop turn go to a node as one pipeline (ioredis flushes it from
      // setImmediate): a vote's two abuse-limit counters and every other request's in that turn
      // share a socket write. One API instance voting: 1,830 → 2,200–2,340 votes/s.
      enableAutoPipelining: true,
    });
    const c: Conn = {
      node: { id: node.id, host: node.host, port: node.port },
      redis,
      breaker: new Breaker(this.breakerOptions),
      dirty: new Set(),
      dirtyOverflow: false,
      repairing: false,
      probeTimer: undefined,
    };
    this.conns.set(node.id, c);
    watchConnection(node.id, redis, () => this.destroyed);
    return c;
  }

  private conn(id: string): Conn {
    const c = this.conns.get(id);
    if (!c) throw new UnknownCacheNodeError(id);
    return c;
  }

  /** Group keys by node, run `read` once per node in parallel; failures and misses are left out. */
  private async readByNode<T>(
    keys: readonly string[],
    read: (redis: Redis, nodeKeys: string[]) => Promise<(T | undefined)[]>,
  ): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    const groups = this.ring.groupByNode(new Set(keys));
    await Promise.all(
      [...groups].map(async ([id, nodeKeys]) => {
        const c = this.conn(id);
        const ask = nodeKeys.filter((k) => !c.dirty.has(k));
        if (ask.length === 0) return;
        const r = await this.onNode(c, (redis) => read(redis, ask));
        if (!r.ok) return;
        r.value.forEach((v, i) => {
          if (v !== undefined) out.set(ask[i] as string, v);
        });
      }),
    );
    return out;
  }

  /** Group keys by node, run `write` once per node in parallel; report (and remember) what was lost. */
  private async writeByNode(keys: readonly string[], write: (redis: Redis, nodeKeys: string[]) => Promise<void>): Promise<WriteResult> {
    const dropped: DroppedWrite[] = [];
    const unique = new Set(keys);
    const groups = this.ring.groupByNode(unique);
    if (groups.size === 0 && unique.size > 0) {
      for (const key of unique) dropped.push({ key, node: undefined, reason: "no-node" });
    }
    await Promise.all(
      [...groups].map(async ([id, nodeKeys]) => {
        const c = this.conn(id);
        const r = await this.onNode(c, (redis) => write(redis, nodeKeys));
        if (r.ok) {
          for (const k of nodeKeys) c.dirty.delete(k);
          return;
        }
        for (const k of nodeKeys) dropped.push({ key: k, node: id, reason: r.reason });
        this.markDirty(c, nodeKeys);
      }),
    );
    if (dropped.length > 0) {
      log.warn({ dropped: dropped.length, nodes: [...new Set(dropped.map((d) => d.node))] }, "cache writes dropped");
    }
    return { ok: dropped.length === 0, dropped };
  }

  /** Run one operation on a node within the timeout, feeding its breaker. Never throws. */
  private async onNode<T>(c: Conn, op: (redis: Redis) => Promise<T>): Promise<Outcome<T>> {
    if (!c.breaker.allowsRequests) return { ok: false, reason: "breaker-open" };
    try {
      const value = await deadline(op(c.redis), this.timeoutMs, c.node.id);
      if (c.dirty.size > 0 || c.dirtyOverflow) void this.repair(c);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ReplyError) {
        // The node answered: it is healthy, the command was wrong (e.g. WRONGTYPE). Not a breaker failure.
        log.error({ node: c.node.id, err: String(err) }, "cache command refused");
        return { ok: false, reason: "error" };
      }
      const reason: CacheFailure = err instanceof CacheTimeoutError || isIoredisTimeout(err) ? "timeout" : "unavailable";
      if (c.breaker.failure()) {
        log.warn({ node: c.node.id, reason }, "cache node breaker open: its keys are misses until a probe succeeds");
        this.emit(c.node.id, "open");
        this.scheduleProbe(c);
      }
      return { ok: false, reason };
    }
  }

  private markDirty(c: Conn, keys: readonly string[]): void {
    if (c.dirtyOverflow) return;
    for (const k of keys) c.dirty.add(k);
    if (c.dirty.size > this.maxDirty) {
      log.warn({ node: c.node.id, max: this.maxDirty }, "too many lost writes on a cache node: it will be flushed before it is used again");
      c.dirtyOverflow = true;
      c.dirty.clear();
      // Until the flush, treat the whole node as unusable.
      c.breaker.trip();
      this.emit(c.node.id, "open");
      this.scheduleProbe(c);
    }
  }

  /** Delete (on the node) the keys whose writes were lost there, or flush it after an overflow. */
  private async repair(c: Conn): Promise<boolean> {
    if (c.repairing) return false;
    c.repairing = true;
    try {
      if (c.dirtyOverflow) {
        await deadline(c.redis.flushdb(), OPS_TIMEOUT_MS, c.node.id);
        c.dirtyOverflow = false;
        c.dirty.clear();
        log.warn({ node: c.node.id }, "cache node flushed after too many lost writes");
        return true;
      }
      while (c.dirty.size > 0) {
        const chunk = [...c.dirty].slice(0, REPAIR_CHUNK);
        await deadline(c.redis.del(...chunk), this.timeoutMs, c.node.id);
        for (const k of chunk) c.dirty.delete(k);
      }
      return true;
    } catch (err) {
      log.debug({ node: c.node.id, err: String(err) }, "cache repair failed; will retry");
      return false;
    } finally {
      c.repairing = false;
    }
  }

  private scheduleProbe(c: Conn, ms = c.breaker.options.openMs): void {
    if (this.destroyed) return;
    clearTimeout(c.probeTimer);
    c.probeTimer = setTimeout(() => void this.probe(c), ms);
    c.probeTimer.unref();
  }

  /**
   * Half-open: PING, clean up lost writes, then close; on failure open for another period. An open
   * breaker always has a probe ahead of it: one that finds the breaker still open (the timer ran a
   * moment early, or a request in flight failed and reopened it meanwhile) waits for the period.
   */
  private async probe(c: Conn): Promise<void> {
    c.probeTimer = undefined;
    if (this.destroyed || c.breaker.state === "closed") return;
    if (c.breaker.state === "open") return this.scheduleProbe(c, Math.max(1, c.breaker.msUntilHalfOpen));
    let healthy = false;
    try {
      await deadline(c.redis.ping(), this.timeoutMs, c.node.id);
      healthy = await this.repair(c);
    } catch {
      healthy = false;
    }
    if (this.destroyed) return;
    // Read again: requests in flight may have changed it while the probe ran.
    const after: BreakerState = c.breaker.state as BreakerState;
    if (healthy && after === "half-open") {
      this.closeBreaker(c);
    } else if (after !== "closed") {
      if (!healthy) c.breaker.failure();
      this.scheduleProbe(c, Math.max(1, c.breaker.msUntilHalfOpen));
    }
  }

  private closeBreaker(c: Conn): void {
    const was = c.breaker.state;
    clearTimeout(c.probeTimer);
    c.probeTimer = undefined;
    c.breaker.close();
    if (was !== "closed") {
      log.info({ node: c.node.id }, "cache node breaker closed");
      this.emit(c.node.id, "closed");
    }
  }

  private emit(id: string, state: BreakerState): void {
    for (const l of this.listeners) {
      try {
        l(id, state);
      } catch (err) {
        log.error({ err: String(err) }, "breaker listener threw");
      }
    }
  }
}

/** Create a ring client (call start() before use, destroy() on shutdown). */
export function createCacheRing(options: CacheRingOptions = {}): CacheRing {
  return new CacheRing(options);
}

async function connect(c: Conn): Promise<void> {
  if (c.redis.status !== "wait") return;
  try {
    await c.redis.connect();
  } catch (err) {
    log.warn({ node: c.node.id, err: String(err) }, "cache node not reachable; retrying in the background");
  }
}

function watchConnection(id: string, redis: Redis, closing: () => boolean): void {
  let wasReady = false;
  redis.on("ready", () => {
    wasReady = true;
    log.info({ node: id }, "cache node connected");
  });
  redis.on("close", () => {
    if (wasReady && !closing()) log.warn({ node: id }, "cache node connection lost; reconnecting");
    wasReady = false;
  });
  // ioredis emits an error on every failed (re)connect; the close/ready lines above say enough.
  redis.on("error", (err: Error) => log.debug({ node: id, err: err.message }, "cache node connection error"));
}

function deadline<T>(p: Promise<T>, ms: number, nodeId: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CacheTimeoutError(nodeId, ms)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function isIoredisTimeout(err: unknown): boolean {
  return err instanceof Error && err.message === "Command timed out";
}

/** Pipeline/MULTI replies; throws the first error (so onNode classifies it). */
function checkReplies(results: [Error | null, unknown][] | null): unknown[] {
  if (results === null) throw new Error("transaction aborted");
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

function toScored(flat: readonly string[]): ScoredMember[] {
  const out: ScoredMember[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ member: flat[i] as string, score: parseScore(flat[i + 1] as string) });
  return out;
}

function parseScore(s: string): number {
  if (s === "inf" || s === "+inf") return Infinity;
  if (s === "-inf") return -Infinity;
  return Number(s);
}

/** A leased key's value: never JSON, so no reader mistakes it for a cached value. */
const LEASE_PREFIX = "\u0000lease:";
/** KEYS[1] listing; ARGV: cap, n, n members to remove, then score/member pairs to add. Returns what it popped past cap, or nil (false) when there is no listing. */
const PATCH_LISTING = `
if redis.call("EXISTS", KEYS[1]) == 0 then return false end
local cap = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
if n > 0 then redis.call("ZREM", KEYS[1], unpack(ARGV, 3, 2 + n)) end
if #ARGV > 2 + n then redis.call("ZADD", KEYS[1], unpack(ARGV, 3 + n, #ARGV)) end
local over = redis.call("ZCARD", KEYS[1]) - cap
if over > 0 then return redis.call("ZPOPMIN", KEYS[1], over) end
return {}`;

const FILL_LISTING = `
if redis.call("EXISTS", KEYS[1]) == 1 then return 0 end
redis.call("ZADD", KEYS[1], unpack(ARGV, 3, #ARGV))
if tonumber(ARGV[1]) > 0 then redis.call("ZREMRANGEBYRANK", KEYS[1], 0, -(tonumber(ARGV[1]) + 1)) end
if tonumber(ARGV[2]) > 0 then redis.call("EXPIRE", KEYS[1], ARGV[2]) end
return 1`;

const FILL_IF_LEASED = `if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("SET", KEYS[1], ARGV[2], "EX", ARGV[3]) return 1 end return 0`;

function parseJson<T>(s: string, key: string): T | undefined {
  if (s.startsWith(LEASE_PREFIX)) return undefined;
  try {
    return JSON.parse(s) as T;
  } catch {
    log.error({ key }, "cache value is not JSON; treated as a miss");
    return undefined;
  }
}

function stringifyJson(value: unknown, key: string): string {
  const s = JSON.stringify(value);
  if (s === undefined) throw new TypeError(`cache value for ${key} is not JSON-serializable`);
  return s;
}

function checkTtl(ttl: number): void {
  if (!(Number.isInteger(ttl) && ttl >= 1)) throw new RangeError(`ttlSeconds must be a positive integer, got ${ttl}`);
}
