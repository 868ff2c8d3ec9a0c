import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { cfgToEnv, repoRoot, type ServiceConfig } from "@hivemind/config";
import { isAlive, isOurs, portOpen, stopPid, tail, waitFor } from "./process.js";
import { frontTierService, probeFrontTier } from "./services/nginx.js";
import { Supervisor, type ProgramSpec, type SupervisorOptions } from "./supervisor.js";

/** Builds the web app and the API bundle through turbo, whose cache skips a build when nothing changed. */
export function buildApps(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["turbo", "run", "build", "--filter=@hivemind/web", "--filter=@hivemind/api", "--output-logs=new-only"], {
      cwd: repoRoot,
      stdio: "inherit",
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`build failed (exit ${code})`))));
  });
}

export type AppRole = "api" | "page" | "worker";

export interface AppInstance {
  name: string;
  role: AppRole;
  pid: number | null;
  port: number | null;
  restarts: number;
  logFile: string;
  /** How to recognise its process after a restart of the launcher (guards against pid reuse). */
  marker: string;
}

/** What <state>/sites/<id>/site.json records, for `npm run stack:status` and for cleaning up after a killed launcher. */
export interface SiteRecord {
  id: string;
  url: string;
  frontPort: number;
  supervisorPid: number;
  /** The front tier's prefix when the site has one of its own (not the stack's nginx). */
  ownFrontDir: string | null;
  instances: AppInstance[];
}

export interface SiteOptions {
  /** "main" (the default) is `npm start`'s site, behind the stack's nginx; any other id gets a front tier of its own. */
  id?: string;
  /** Copy the apps' output to stdout, each line prefixed with its instance name (npm start). */
  echo?: boolean;
  log?: (line: string) => void;
  supervisor?: Omit<SupervisorOptions, "onChange" | "log">;
  /** How long the apps get to become healthy. */
  startTimeoutMs?: number;
  /**
   * Run no worker (a read benchmark on a store already built: nothing is written during it, and
   * a worker's scheduler would recompute listings under the measurement).
   */
  withoutWorker?: boolean;
}

export interface Site {
  id: string;
  cfg: ServiceConfig;
  /** The public URL: the front tier. */
  url: string;
  supervisor: Supervisor;
  instances(): AppInstance[];
  /** Stops the apps (and a front tier of its own); the stack keeps running. */
  stop(): Promise<void>;
}

/** The page server: Next.js's handler behind an admission queue (apps/web/src/server/main.ts). */
const PAGE_MAIN = "src/server/main.ts";
/**
 * A page instance renders dozens of pages at once; each keeps its allocations alive across V8's
 * young-generation collections and gets them promoted to the old generation, which is costly to
 * collect. A 64 MB young generation lets them die young: about 12% less CPU per logged-in front
 * page at 64 connections (docs/performance.md).
 */
const PAGE_NODE_FLAGS = ["--max-semi-space-size=64"];
const WEB_DIR = path.join(repoRoot, "apps/web");

export function siteDir(cfg: ServiceConfig, id: string): string {
  return path.join(cfg.stateDir, "sites", id);
}

function recordFile(cfg: ServiceConfig, id: string): string {
  return path.join(siteDir(cfg, id), "site.json");
}

function readRecord(file: string): SiteRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as SiteRecord;
  } catch {
    return undefined;
  }
}

/** Every site recorded under the state dir whose launcher is still alive. */
export function runningSites(cfg: ServiceConfig): SiteRecord[] {
  const root = path.join(cfg.stateDir, "sites");
  let ids: string[];
  try {
    ids = fs.readdirSync(root);
  } catch {
    return [];
  }
  return ids.flatMap((id) => {
    const r = readRecord(path.join(root, id, "site.json"));
    return r && isAlive(r.supervisorPid) ? [r] : [];
  });
}

/** One HTTP GET; resolves to the status code. */
export function httpStatus(port: number, urlPath: string, timeoutMs = 3000, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: urlPath, timeout: timeoutMs, agent: false, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${urlPath} on port ${port} timed out`)));
    req.on("error", reject);
  });
}

/** An app instance's health: its own port answers (API: /api/v1/me, a 401 without a database; pages: /login). */
export async function instanceHealthy(i: Pick<AppInstance, "role" | "pid" | "port">): Promise<boolean> {
  if (i.pid === null || !isAlive(i.pid)) return false;
  if (i.port === null) return true;
  try {
    const status = await httpStatus(i.port, i.role === "api" ? "/api/v1/me" : "/login");
    return status > 0 && status < 500;
  } catch {
    return false;
  }
}

/** Kills what a launcher that died (kill -9) left of a site: its app processes and their groups. */
function reapLeftovers(cfg: ServiceConfig, id: string): void {
  const old = readRecord(recordFile(cfg, id));
  if (!old) return;
  if (isAlive(old.supervisorPid) && old.supervisorPid !== process.pid) {
    throw new Error(`site ${id} is already running (launcher pid ${old.supervisorPid}, ${old.url})`);
  }
  for (const i of old.instances) {
    if (i.pid !== null && isOurs(i.pid, i.marker)) {
      for (const target of [-i.pid, i.pid]) {
        try {
          process.kill(target, "SIGKILL");
        } catch {
          /* gone */
        }
      }
    }
  }
}

function programSpecs(cfg: ServiceConfig, dir: string, echo: boolean): (ProgramSpec & { role: AppRole; marker: string })[] {
  // Each app builds this same config from its environment; behind nginx it trusts exactly one hop.
  const env = { ...process.env, ...cfgToEnv(cfg), TRUSTED_PROXY_HOPS: "1", NEXT_TELEMETRY_DISABLED: "1" };
  // The bundle buildApps() makes: it boots without compiling TypeScript (apps/api/build.mjs).
  const apiMain = "apps/api/dist/main.mjs";
  const workerMain = "apps/worker/src/main.ts";
  return [
    ...cfg.front.apiPorts.map((port, i) => ({
      name: `api-${i}`,
      role: "api" as const,
      marker: apiMain,
      cmd: process.execPath,
      args: [apiMain],
      cwd: repoRoot,
      env: { ...env, API_PORT: String(port) },
      port,
      logFile: path.join(dir, `api-${i}.log`),
      echo,
    })),
    ...cfg.front.pagePorts.map((port, i) => ({
      name: `page-${i}`,
      role: "page" as const,
      marker: WEB_DIR,
      cmd: process.execPath,
      args: [...PAGE_NODE_FLAGS, "--import", "tsx", PAGE_MAIN],
      cwd: WEB_DIR,
      env: { ...env, PAGE_PORT: String(port), NODE_ENV: "production" },
      port,
      logFile: path.join(dir, `page-${i}.log`),
      echo,
    })),
    {
      name: "worker",
      role: "worker" as const,
      marker: workerMain,
      cmd: process.execPath,
      args: ["--import", "tsx", workerMain],
      cwd: repoRoot,
      env,
      logFile: path.join(dir, "worker.log"),
      echo,
    },
  ];
}

let current: Site | undefined;

/**
 * Starts the site the way it ships: the front tier (nginx on cfg.front.port; for the "main" site
 * the stack's own, reconfigured if the ports changed), cfg.front.apiPorts API instances,
 * cfg.front.pagePorts page instances and the worker, all supervised (an instance that dies is
 * restarted). Resolves once every instance answers on its port and the front tier routes to
 * both upstreams. Needs the stack up, the database migrated and the web app built.
 */
export async function startSite(cfg: ServiceConfig, opts: SiteOptions = {}): Promise<Site> {
  const id = opts.id ?? "main";
  const log = opts.log ?? (() => undefined);
  const dir = siteDir(cfg, id);
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(path.join(WEB_DIR, ".next/BUILD_ID"))) throw new Error("the web app is not built (npm start and npm test build it; or: npx turbo run build --filter=@hivemind/web)");
  reapLeftovers(cfg, id);
  const specs = programSpecs(cfg, dir, opts.echo ?? false).filter((s) => !(opts.withoutWorker && s.role === "worker"));
  for (const s of specs) {
    if (s.port !== undefined && (await portOpen(s.port))) throw new Error(`port ${s.port} (for ${s.name}) is already in use`);
  }

  const ownFrontDir = id === "main" ? null : path.join(dir, "nginx");
  const front = ownFrontDir === null ? frontTierService(cfg) : frontTierService(cfg, ownFrontDir, `nginx-${id}`);
  const record = (): SiteRecord => ({
    id,
    url: front.url,
    frontPort: front.port,
    supervisorPid: process.pid,
    ownFrontDir,
    instances: instances(),
  });
  const writeRecord = () => fs.writeFileSync(recordFile(cfg, id), JSON.stringify(record(), null, 2) + "\n");
  const supervisor = new Supervisor({ ...opts.supervisor, onChange: writeRecord, log });
  const instances = (): AppInstance[] => {
    const byName = new Map(supervisor.status().map((s) => [s.name, s]));
    return specs.map((s) => {
      const st = byName.get(s.name);
      return { name: s.name, role: s.role, pid: st?.pid ?? null, port: s.port ?? null, restarts: st?.restarts ?? 0, logFile: s.logFile, marker: s.marker };
    });
  };

  let stopped = false;
  const site: Site = {
    id,
    cfg,
    url: front.url,
    supervisor,
    instances,
    async stop() {
      if (stopped) return;
      stopped = true;
      await supervisor.stop();
      if (ownFrontDir !== null) {
        const pid = front.pid();
        if (pid !== undefined) await stopPid(pid, "SIGQUIT", 10_000);
      }
      writeRecord();
      if (current === site) current = undefined;
    },
  };

  try {
    for (const s of specs) supervisor.add(s);
    writeRecord();
    // The front tier: reconfigure a running one, or start it.
    if (front.pid() !== undefined) await front.reload();
    else {
      if (await portOpen(front.port)) throw new Error(`the public port ${front.port} is in use by a process that is not this site's front tier`);
      log(`starting the front tier (nginx) on port ${front.port}`);
      await front.start();
    }
    await waitFor("front tier", () => probeFrontTier(front.port).catch(() => undefined), { timeoutMs: front.startTimeoutMs });
    const timeoutMs = opts.startTimeoutMs ?? 90_000;
    await Promise.all(
      instances().map((i) =>
        waitFor(
          i.name,
          async () => ((await instanceHealthy(instances().find((x) => x.name === i.name)!)) ? true : undefined),
          { timeoutMs, intervalMs: 200 },
        ).catch((err: unknown) => {
          throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- last lines of ${i.logFile} ---\n${tail(i.logFile)}`);
        }),
      ),
    );
    // Through the public port: the API answers /api/v1/me (401 when anonymous), the pages /login.
    await waitFor("front tier → API", async () => ((await httpStatus(front.port, "/api/v1/me").catch(() => 0)) === 401 ? true : undefined), { timeoutMs: 10_000 });
    await waitFor("front tier → pages", async () => ((await httpStatus(front.port, "/login").catch(() => 0)) === 200 ? true : undefined), { timeoutMs: 10_000 });
  } catch (err) {
    await site.stop();
    throw err;
  }
  log(`site ${id} up: ${specs.length} app processes behind ${front.url}`);
  current = site;
  return site;
}

/** Stops the given site, or the one this process started last. */
export async function stopSite(site: Site | undefined = current): Promise<void> {
  await site?.stop();
}

/** True if nothing listens on port. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/**
 * A config for a site of its own (tests, e2e, benchmarks): the same stack, the given database,
 * and a block of free ports (the public port first, then the API and page instances), below the
 * kernel's ephemeral range. `port` fixes the public port (the rest follow it).
 */
export async function siteConfig(
  base: ServiceConfig,
  opts: { databaseUrl?: string; port?: number; apiInstances?: number; pageInstances?: number; pageCacheSeconds?: number; pageStaleSeconds?: number } = {},
): Promise<ServiceConfig> {
  const apiN = opts.apiInstances ?? base.front.apiPorts.length;
  const pageN = opts.pageInstances ?? base.front.pagePorts.length;
  const block = 1 + apiN + pageN;
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = opts.port ?? 20_000 + Math.floor(Math.random() * 10_000);
    const ports = Array.from({ length: block }, (_, i) => first + i);
    if (!(await Promise.all(ports.map(portFree))).every(Boolean)) {
      if (opts.port !== undefined) throw new Error(`ports ${first}–${first + block - 1} are not all free`);
      continue;
    }
    const apiPorts = ports.slice(1, 1 + apiN);
    const pagePorts = ports.slice(1 + apiN);
    return {
      ...base,
      postgres: opts.databaseUrl ? { ...base.postgres, url: opts.databaseUrl } : base.postgres,
      front: {
        port: first,
        apiPorts,
        pagePorts,
        pageCacheSeconds: opts.pageCacheSeconds ?? base.front.pageCacheSeconds,
        pageStaleSeconds: opts.pageStaleSeconds ?? base.front.pageStaleSeconds,
      },
      api: { port: apiPorts[0]! },
      web: { ...base.web, port: pagePorts[0]! },
    };
  }
  throw new Error("found no block of free ports for a site");
}

export interface AppStatus {
  site: string;
  name: string;
  role: AppRole | "front";
  port: number | null;
  pid: number | null;
  state: "up" | "down";
  restarts: number;
  url: string | null;
}

/** Every app instance of every running site, with its pid, port and health (its own port answering). */
export async function siteStatus(cfg: ServiceConfig): Promise<AppStatus[]> {
  const rows = await Promise.all(
    runningSites(cfg).flatMap((site) => [
      ...(site.ownFrontDir === null
        ? []
        : [
            (async (): Promise<AppStatus> => {
              const front = frontTierService({ ...cfg, front: { ...cfg.front, port: site.frontPort } }, site.ownFrontDir!, `nginx-${site.id}`);
              const up = await probeFrontTier(site.frontPort).then(() => true, () => false);
              return { site: site.id, name: front.name, role: "front", port: site.frontPort, pid: front.pid() ?? null, state: up ? "up" : "down", restarts: 0, url: site.url };
            })(),
          ]),
      ...site.instances.map(async (i): Promise<AppStatus> => ({
        site: site.id,
        name: i.name,
        role: i.role,
        port: i.port,
        pid: i.pid,
        state: (await instanceHealthy(i)) ? "up" : "down",
        restarts: i.restarts,
        url: i.port === null ? null : `http://127.0.0.1:${i.port}`,
      })),
    ]),
  );
  return rows;
}
