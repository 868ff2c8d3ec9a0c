import fs from "node:fs";
import path from "node:path";
import { config } from "@hivemind/config";
import type { LiveConfigDoc } from "@hivemind/core";
import { decodeConfigVersion, defaultsVersion, type ConfigVersion } from "./config-store.js";
import { configLog as log } from "./logger.js";
import { Coord, type CoordOptions } from "./zk.js";

/** Where the running document came from. */
export type LiveConfigSource = "zookeeper" | "disk" | "defaults";

export interface LiveConfigStatus {
  version: number;
  source: LiveConfigSource;
  /** Whether ZooKeeper is connected right now (if not, changes are not arriving). */
  connected: boolean;
  author: string;
  at: string;
  /** When this process applied the version (ISO). */
  appliedAt: string;
}

export interface LiveConfigChangeInfo {
  version: number;
  previousVersion: number;
  source: LiveConfigSource;
  entry: ConfigVersion;
}

export type LiveConfigListener = (doc: LiveConfigDoc, info: LiveConfigChangeInfo) => void;

export interface LiveConfigOptions {
  /** A started or unstarted Coord to share; otherwise one is made from `coordOptions`. */
  coord?: Coord;
  coordOptions?: CoordOptions;
  /** Directory of the last-known copy; default `<cfg.stateDir>/live-config`. */
  stateDir?: string;
  /** How long start() waits for ZooKeeper before running on the disk copy (default 2000 ms). */
  connectWaitMs?: number;
}

/**
 * The live config of this process. Every process makes one at start-up:
 *
 *   const live = await LiveConfig.start();
 *   live.current().readOnly.enabled   // read it where it is used, every time (cheap)
 *   live.onChange((doc, { version }) => …)
 *
 * It holds a data watch on `<root>/config`: a write fires the watch, the document is re-read,
 * validated, applied and saved to disk (`<stateDir>/live-config/<root>.json`). Watches are
 * re-armed on every reconnection and after a session expiry. If ZooKeeper cannot be reached at
 * start, it runs on the disk copy (source "disk") or the defaults (source "defaults"), logs
 * that, and switches to ZooKeeper's version as soon as it connects.
 */
export class LiveConfig {
  readonly coord: Coord;
  private readonly ownsCoord: boolean;
  private readonly file: string;
  private entry: ConfigVersion = defaultsVersion();
  private sourceValue: LiveConfigSource = "defaults";
  private appliedAt = new Date();
  private readonly listeners = new Set<LiveConfigListener>();
  private refreshSeq = 0;
  private appliedSeq = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private destroyed = false;
  private offConnected: (() => void) | undefined;

  private constructor(opts: LiveConfigOptions) {
    this.ownsCoord = !opts.coord;
    this.coord = opts.coord ?? new Coord(opts.coordOptions);
    const dir = opts.stateDir ?? path.join(config().stateDir, "live-config");
    this.file = path.join(dir, `${this.coord.root.slice(1).replaceAll("/", "_")}.json`);
  }

  /** Create, connect (waiting at most connectWaitMs) and load the first document. */
  static async start(opts: LiveConfigOptions = {}): Promise<LiveConfig> {
    const live = new LiveConfig(opts);
    await live.begin(opts.connectWaitMs ?? 2_000);
    return live;
  }

  private async begin(waitMs: number): Promise<void> {
    this.offConnected = this.coord.on("connected", () => void this.refresh());
    const connected = await this.coord.start(waitMs);
    if (connected && (await this.refresh())) return;
    const disk = this.readDisk();
    if (disk) {
      this.apply(disk, "disk");
      log.warn({ version: disk.version, file: this.file }, "zookeeper unavailable at start: running on the last known live config from disk");
    } else {
      log.warn("zookeeper unavailable at start and no disk copy: running on the default live config");
    }
  }

  /** The document in force now. Do not keep it: read it again where a value is used. */
  current(): LiveConfigDoc {
    return this.entry.config;
  }

  get version(): number {
    return this.entry.version;
  }

  get source(): LiveConfigSource {
    return this.sourceValue;
  }

  /** For a health endpoint: `{ version, source, connected, … }`. */
  status(): LiveConfigStatus {
    return {
      version: this.entry.version,
      source: this.sourceValue,
      connected: this.coord.connected,
      author: this.entry.author,
      at: this.entry.at,
      appliedAt: this.appliedAt.toISOString(),
    };
  }

  /** Called after each change is applied. Returns an unsubscribe function. */
  onChange(listener: LiveConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    clearTimeout(this.retryTimer);
    this.offConnected?.();
    this.listeners.clear();
    if (this.ownsCoord) await this.coord.destroy();
  }

  private readonly watcher = () => void this.refresh();

  /** Re-read `<root>/config` and re-arm the watch. Resolves true if ZooKeeper answered. */
  private async refresh(): Promise<boolean> {
    if (this.destroyed) return false;
    const seq = ++this.refreshSeq;
    try {
      const node = await this.coord.getData(this.coord.paths.config, this.watcher);
      // No node yet: watch for its creation; ZooKeeper's answer is "the defaults".
      if (!node) await this.coord.exists(this.coord.paths.config, this.watcher);
      if (this.destroyed || seq < this.appliedSeq) return true;
      this.appliedSeq = seq;
      const entry = node?.data && node.data.length > 0 ? decodeConfigVersion(node.data) : defaultsVersion();
      if (entry.version !== this.entry.version || this.sourceValue !== "zookeeper" || entry.at !== this.entry.at) {
        this.apply(entry, "zookeeper");
        this.writeDisk(entry);
      }
      return true;
    } catch (err) {
      if (this.destroyed) return false;
      // A bad document (hand-written into the znode) keeps the last good one in force.
      log.error({ err, version: this.entry.version }, "could not read the live config; keeping the one in force");
      if (this.coord.connected) {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => void this.refresh(), 1_000);
      }
      return false;
    }
  }

  private apply(entry: ConfigVersion, source: LiveConfigSource): void {
    const previousVersion = this.entry.version;
    this.entry = entry;
    this.sourceValue = source;
    this.appliedAt = new Date();
    log.info({ version: entry.version, previousVersion, source, author: entry.author }, "live config applied");
    const info: LiveConfigChangeInfo = { version: entry.version, previousVersion, source, entry };
    for (const listener of this.listeners) {
      try {
        listener(entry.config, info);
      } catch (err) {
        log.error({ err }, "live-config listener failed");
      }
    }
  }

  private readDisk(): ConfigVersion | undefined {
    try {
      const text = fs.readFileSync(this.file, "utf8");
      const stored = JSON.parse(text) as { version?: unknown };
      if (stored.version === 0) return undefined;
      return decodeConfigVersion(text);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") log.warn({ err, file: this.file }, "ignoring an unreadable disk copy of the live config");
      return undefined;
    }
  }

  private writeDisk(entry: ConfigVersion): void {
    if (entry.version === 0) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(entry));
      fs.renameSync(tmp, this.file);
    } catch (err) {
      log.warn({ err, file: this.file }, "could not save the live config to disk");
    }
  }
}
