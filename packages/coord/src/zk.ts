import { EventEmitter } from "node:events";
import zookeeper from "node-zookeeper-client";
import type { Client, Event as ZkEvent, Stat } from "node-zookeeper-client";
import { config } from "@hivemind/config";
import { CoordUnavailableError } from "./errors.js";
import { watchHandshake } from "./handshake-watchdog.js";
import { layout, type Layout } from "./layout.js";
import { zkLog as log } from "./logger.js";

export type { Stat, ZkEvent };
export type Watcher = (event: ZkEvent) => void;

export interface CoordOptions {
  /** host:port[,host:port…]; default config().zookeeper.connectString. */
  connectString?: string;
  /** Every znode lives under this path; default `/hivemind/<env>`. */
  root?: string;
  /** Requested session timeout (the server clamps it to 2–20 ticks: 4–40 s with tickTime 2000). */
  sessionTimeoutMs?: number;
  /** A single operation that gets no answer in this long fails with CoordUnavailableError. */
  opTimeoutMs?: number;
}

export type CoordState = "connecting" | "connected" | "disconnected" | "closed";

export type TxOp =
  | { op: "create"; path: string; data?: Buffer; mode?: number }
  | { op: "setData"; path: string; data: Buffer; version?: number }
  | { op: "remove"; path: string; version?: number }
  | { op: "check"; path: string; version?: number };

/** A session handshake normally takes milliseconds; this allows for a loaded machine. */
const HANDSHAKE_TIMEOUT_MS = 3_000;

export const CreateMode = zookeeper.CreateMode;
export const ZkException = zookeeper.Exception;

/** The ZooKeeper error code of a failed operation, if it is one. */
export function zkErrorCode(err: unknown): number | undefined {
  const code = (err as { getCode?: () => number } | null)?.getCode?.();
  return typeof code === "number" ? code : undefined;
}

/**
 * One ZooKeeper session for a process, with promise-returning operations.
 *
 * Connection loss and session expiry are different things, and everything in this package
 * treats them differently:
 * - connection loss (`disconnected`): the session may still be alive on the server; the client
 *   reconnects by itself, and on reconnecting re-registers its watches (SetWatches) so nothing
 *   is missed. Ephemeral nodes survive if it comes back within the session timeout.
 * - session expiry (`expired`): the server has dropped the session, its ephemeral nodes and its
 *   watches. node-zookeeper-client closes such a client for good, so Coord opens a new one and
 *   emits `session`; everything that watches or owns ephemeral nodes re-arms on that event.
 * Watchers also re-read on every `connected`, which is cheap and makes them independent of
 * which of the two happened.
 */
export class Coord {
  readonly connectString: string;
  readonly sessionTimeoutMs: number;
  readonly opTimeoutMs: number;
  readonly paths: Layout;
  private client: Client | undefined;
  private readonly events = new EventEmitter();
  private stateValue: CoordState = "closed";
  private generation = 0;
  private stopWatchdog: (() => void) | undefined;

  constructor(opts: CoordOptions = {}) {
    const cfg = opts.connectString && opts.root ? undefined : config();
    this.connectString = opts.connectString ?? cfg!.zookeeper.connectString;
    this.paths = layout(opts.root ?? `/hivemind/${cfg!.env}`);
    this.sessionTimeoutMs = opts.sessionTimeoutMs ?? 10_000;
    this.opTimeoutMs = opts.opTimeoutMs ?? 5_000;
    this.events.setMaxListeners(0);
  }

  get root(): string {
    return this.paths.root;
  }

  get state(): CoordState {
    return this.stateValue;
  }

  get connected(): boolean {
    return this.stateValue === "connected";
  }

  /** The session timeout the server granted (the requested one until connected). */
  get negotiatedSessionTimeoutMs(): number {
    return this.client?.getSessionTimeout() || this.sessionTimeoutMs;
  }

  /**
   * Open the session. Resolves true once connected, or false after `waitMs` without a
   * connection; the client keeps trying in the background either way.
   */
  start(waitMs = 5_000): Promise<boolean> {
    if (this.stateValue === "closed") this.open();
    if (this.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, waitMs);
      const off = this.on("connected", () => {
        clearTimeout(timer);
        off();
        resolve(true);
      });
    });
  }

  private open(): void {
    const gen = ++this.generation;
    const client = zookeeper.createClient(this.connectString, {
      sessionTimeout: this.sessionTimeoutMs,
      spinDelay: 250,
      retries: 0,
    });
    this.client = client;
    this.stopWatchdog?.();
    this.stopWatchdog = watchHandshake(client, HANDSHAKE_TIMEOUT_MS);
    this.stateValue = "connecting";
    let first = true;
    client.on("connected", () => {
      if (gen !== this.generation) return;
      this.stateValue = "connected";
      log.debug({ root: this.root, session: client.getSessionId().toString("hex") }, "connected");
      if (first) {
        first = false;
        this.events.emit("session");
      }
      this.events.emit("connected");
    });
    client.on("disconnected", () => {
      if (gen !== this.generation) return;
      this.stateValue = "disconnected";
      log.warn({ connectString: this.connectString }, "zookeeper connection lost; reconnecting");
      this.events.emit("disconnected");
    });
    client.on("expired", () => {
      if (gen !== this.generation) return;
      log.warn("zookeeper session expired; opening a new session");
      this.stateValue = "disconnected";
      this.events.emit("expired");
      client.close();
      this.open();
    });
    client.connect();
  }

  /**
   * `connected` (every (re)connection), `disconnected` (connection lost), `expired` (the session
   * and its ephemeral nodes and watches are gone), `session` (a new session is established: the
   * first one, or a replacement after expiry). Returns an unsubscribe function.
   */
  on(event: "connected" | "disconnected" | "expired" | "session", listener: () => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  /** Close the session (its ephemeral nodes go at once). */
  destroy(): Promise<void> {
    const client = this.client;
    this.generation++;
    this.stopWatchdog?.();
    this.stopWatchdog = undefined;
    this.client = undefined;
    this.stateValue = "closed";
    this.events.removeAllListeners();
    if (!client) return Promise.resolve();
    return new Promise((resolve) => {
      if (client.getState() !== zookeeper.State.SYNC_CONNECTED) {
        client.close();
        resolve();
        return;
      }
      const timer = setTimeout(resolve, 1000);
      client.once("disconnected", () => {
        clearTimeout(timer);
        resolve();
      });
      client.close();
    });
  }

  private call<T>(what: string, fn: (client: Client, done: (err: unknown, value?: T) => void) => void): Promise<T> {
    const client = this.client;
    if (!client) return Promise.reject(new CoordUnavailableError(`zookeeper ${what}: coord is not started`));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new CoordUnavailableError(`zookeeper ${what}: no answer from ${this.connectString} within ${this.opTimeoutMs} ms`)),
        this.opTimeoutMs,
      );
      fn(client, (err, value) => {
        clearTimeout(timer);
        if (err) {
          const code = zkErrorCode(err);
          if (code === ZkException.CONNECTION_LOSS || code === ZkException.SESSION_EXPIRED || code === ZkException.OPERATION_TIMEOUT) {
            reject(new CoordUnavailableError(`zookeeper ${what}: ${String(err)}`, { cause: err }));
          } else reject(err);
        } else resolve(value as T);
      });
    });
  }

  /** Data and stat of a node, or null when it does not exist (a watcher is still not set then). */
  getData(path: string, watcher?: Watcher): Promise<{ data: Buffer | undefined; stat: Stat } | null> {
    return this.call(`getData ${path}`, (c, done) => {
      const cb = (err: unknown, data: Buffer, stat: Stat) => {
        if (zkErrorCode(err) === ZkException.NO_NODE) done(null, null);
        else done(err, { data: data ?? undefined, stat });
      };
      if (watcher) c.getData(path, watcher, cb);
      else c.getData(path, cb);
    });
  }

  /** Children names (unsorted), or null when the node does not exist. */
  getChildren(path: string, watcher?: Watcher): Promise<string[] | null> {
    return this.call(`getChildren ${path}`, (c, done) => {
      const cb = (err: unknown, children: string[]) => {
        if (zkErrorCode(err) === ZkException.NO_NODE) done(null, null);
        else done(err, children);
      };
      if (watcher) c.getChildren(path, watcher, cb);
      else c.getChildren(path, cb);
    });
  }

  /** Stat, or null when it does not exist; a watcher fires on creation, change or deletion. */
  exists(path: string, watcher?: Watcher): Promise<Stat | null> {
    return this.call(`exists ${path}`, (c, done) => {
      const cb = (err: unknown, stat: Stat) => done(err, stat ?? null);
      if (watcher) c.exists(path, watcher, cb);
      else c.exists(path, cb);
    });
  }

  /** Create a node; returns its path (with the sequence suffix for sequential modes). */
  create(path: string, data?: Buffer, mode: number = CreateMode.PERSISTENT): Promise<string> {
    return this.call(`create ${path}`, (c, done) => c.create(path, data ?? Buffer.alloc(0), mode, done));
  }

  /** Create a node and any missing parents; an existing node is fine. */
  mkdirp(path: string): Promise<void> {
    return this.call(`mkdirp ${path}`, (c, done) => c.mkdirp(path, (err) => done(err)));
  }

  setData(path: string, data: Buffer, version = -1): Promise<Stat> {
    return this.call(`setData ${path}`, (c, done) => c.setData(path, data, version, done));
  }

  /** Remove a node; a missing node is fine (returns false). */
  remove(path: string, version = -1): Promise<boolean> {
    return this.call(`remove ${path}`, (c, done) =>
      c.remove(path, version, (err) => {
        if (zkErrorCode(err) === ZkException.NO_NODE) done(null, false);
        else done(err, true);
      }),
    );
  }

  /** Remove a node and everything under it (a test's or a retired environment's root). */
  async removeTree(path: string): Promise<void> {
    for (const child of (await this.getChildren(path)) ?? []) await this.removeTree(`${path}/${child}`);
    await this.remove(path);
  }

  /** Run operations atomically (all or none). */
  transaction(ops: readonly TxOp[]): Promise<void> {
    return this.call("transaction", (c, done) => {
      const tx = c.transaction();
      for (const o of ops) {
        if (o.op === "create") tx.create(o.path, o.data ?? Buffer.alloc(0), o.mode ?? CreateMode.PERSISTENT);
        else if (o.op === "setData") tx.setData(o.path, o.data, o.version ?? -1);
        else if (o.op === "remove") tx.remove(o.path, o.version ?? -1);
        else tx.check(o.path, o.version ?? -1);
      }
      tx.commit((err) => done(err));
    });
  }
}

/** Create a Coord and start it; see Coord.start for `waitMs`. */
export async function connectCoord(opts: CoordOptions & { waitMs?: number } = {}): Promise<{ coord: Coord; connected: boolean }> {
  const coord = new Coord(opts);
  const connected = await coord.start(opts.waitMs);
  return { coord, connected };
}
