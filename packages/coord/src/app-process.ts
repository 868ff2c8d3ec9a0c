import { config, type ServiceConfig } from "@hivemind/config";
import { LiveConfig } from "./live-config.js";
import { configLog as log } from "./logger.js";
import { removeProcessStatus, writeProcessStatus, type AppRole, type ProcessStatus } from "./process-status.js";
import { RingMembership } from "./ring.js";
import { Coord } from "./zk.js";

export interface AppCoordinationOptions {
  role: AppRole;
  cfg?: ServiceConfig;
  /** The port this process serves HTTP on (null: none). */
  port?: number | null;
  /** The path its health answers on (with `port`), e.g. "/api/health". */
  healthPath?: string;
  /** How long start() waits for ZooKeeper before running on the disk copy or the defaults. */
  connectWaitMs?: number;
}

/** A process's health report: its status file's content plus uptime and, once used, the ring. */
export interface AppHealth extends ProcessStatus {
  status: "ok";
  uptimeSeconds: number;
  ring: { live: readonly string[]; synced: boolean } | null;
}

/**
 * The coordination of one app process (an API instance, a page instance, the worker): one
 * ZooKeeper session, the LiveConfig every request reads, the ring membership (started on first
 * use), and a status file `<stateDir>/processes/<role>-<pid>.json` rewritten on every config
 * change and (dis)connection, which `ops health` reads.
 *
 *   const app = await AppCoordination.start({ role: "api", port, healthPath: "/api/health" });
 *   app.live.current().readOnly.enabled
 *   bindRing(await app.ring(), cacheRing)
 *   app.health()     // what the health endpoint answers
 */
export class AppCoordination {
  private ringPromise: Promise<RingMembership> | undefined;
  private readonly offs: (() => void)[] = [];
  private readonly startedAt = new Date();
  private destroyed = false;

  private constructor(
    readonly cfg: ServiceConfig,
    readonly coord: Coord,
    readonly live: LiveConfig,
    private readonly opts: AppCoordinationOptions,
  ) {}

  static async start(opts: AppCoordinationOptions): Promise<AppCoordination> {
    const cfg = opts.cfg ?? config();
    const coord = new Coord({ connectString: cfg.zookeeper.connectString, root: `/hivemind/${cfg.env}` });
    const live = await LiveConfig.start({ coord, stateDir: `${cfg.stateDir}/live-config`, ...(opts.connectWaitMs !== undefined ? { connectWaitMs: opts.connectWaitMs } : {}) });
    const app = new AppCoordination(cfg, coord, live, opts);
    const publish = () => app.publish();
    app.offs.push(live.onChange(publish), coord.on("connected", publish), coord.on("disconnected", publish));
    publish();
    log.info({ role: opts.role, pid: process.pid, ...live.status() }, "app process coordination started");
    return app;
  }

  /** The cache ring's membership (one watch per process, shared by every cache client in it). */
  ring(): Promise<RingMembership> {
    this.ringPromise ??= RingMembership.start(this.coord, { initial: this.cfg.redis.nodes });
    return this.ringPromise;
  }

  statusRecord(): ProcessStatus {
    const port = this.opts.port ?? null;
    return {
      role: this.opts.role,
      pid: process.pid,
      port,
      healthUrl: port !== null && this.opts.healthPath ? `http://127.0.0.1:${port}${this.opts.healthPath}` : null,
      startedAt: this.startedAt.toISOString(),
      updatedAt: new Date().toISOString(),
      config: this.live.status(),
    };
  }

  /** What the process's health endpoint answers. */
  async health(): Promise<AppHealth> {
    const ring = this.ringPromise ? await this.ringPromise : undefined;
    return {
      status: "ok",
      ...this.statusRecord(),
      uptimeSeconds: Math.round((Date.now() - this.startedAt.getTime()) / 1000),
      ring: ring ? { live: ring.live(), synced: ring.synced } : null,
    };
  }

  private publish(): void {
    if (!this.destroyed) writeProcessStatus(this.cfg.stateDir, this.statusRecord());
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const off of this.offs) off();
    removeProcessStatus(this.cfg.stateDir, this.opts.role, process.pid);
    if (this.ringPromise) (await this.ringPromise.catch(() => undefined))?.destroy();
    await this.live.destroy();
    await this.coord.destroy();
  }
}
