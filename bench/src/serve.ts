// Serving benchmark: what the shipped processes answer per second, against what the machine can.
//
// Measured, in one run, at 16, 64 and 256 connections: anonymous /api/v1/me, /r/{name}/about.json
// and a post's /comments/{id}.json on one API instance directly and through the front tier
// (nginx over all API instances); the front page logged out through the front tier (cached),
// on the page server directly (rendered every time), and logged in (through the front tier and
// directly). Baseline for each: the ceiling, a bare node:http server returning the bytes the real
// server returned, from memory. Each cell also records every process's CPU over the cell.
//
//   npm run bench -- serve [--seconds 5] [--warmup 1] [--prewarm 20] [--size medium] [--api-instances N]
//                          [--page-instances N] [--connections 16,64,256] [--only REGEX]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { config } from "@hivemind/config";
import { buildApps, runningSites, siteConfig, stackStatus, startSite, type Site } from "@hivemind/infra";
import { SEED_SIZES, type SeedSize } from "@hivemind/ops/seed";
import { capture, postForm, type CapturedResponse } from "./serve/capture.js";
import { startCeiling } from "./serve/ceiling.js";
import { CpuSampler, type CpuWindow, type ProcessGroup } from "./serve/cpu.js";
import { ensureDataset } from "./serve/dataset.js";
import { runLoad, type LoadResult } from "./serve/load.js";
import { boundBy, checkTargets, formatTable, type Cell } from "./serve/report.js";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    prewarm: { type: "string", default: "20" },
    size: { type: "string", default: "medium" },
    "api-instances": { type: "string" },
    "page-instances": { type: "string" },
    connections: { type: "string", default: "16,64,256" },
    only: { type: "string" },
  },
});
const seconds = Number(args.seconds);
const warmupSeconds = Number(args.warmup);
const connectionCounts = args.connections.split(",").map(Number);
if (!(seconds >= 1 && seconds <= 60)) throw new Error("--seconds: from 1 to 60");
if (!(warmupSeconds >= 0 && warmupSeconds <= 30)) throw new Error("--warmup: from 0 to 30");
const prewarmSeconds = Number(args.prewarm);
if (!(prewarmSeconds >= 0 && prewarmSeconds <= 60)) throw new Error("--prewarm: from 0 to 60");
if (!connectionCounts.every((c) => Number.isInteger(c) && c >= 1 && c <= 4096)) throw new Error("--connections: integers from 1 to 4096, comma-separated");
if (!(SEED_SIZES as readonly string[]).includes(args.size)) throw new Error(`--size: one of ${SEED_SIZES.join(", ")}`);
const only = args.only ? new RegExp(args.only) : undefined;

const t0 = performance.now();
const progress = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const base = config();
const dataset = await ensureDataset(args.size as SeedSize, progress);
progress(`dataset ${dataset.name}: r/${dataset.community}, post ${dataset.post.id36} (${dataset.post.numComments} comments)`);

const cfg = await siteConfig(base, {
  databaseUrl: dataset.url,
  ...(args["api-instances"] ? { apiInstances: Number(args["api-instances"]) } : {}),
  ...(args["page-instances"] ? { pageInstances: Number(args["page-instances"]) } : {}),
});
progress(`starting a site of its own: front tier on ${cfg.front.port}, API on ${cfg.front.apiPorts.join(",")}, pages on ${cfg.front.pagePorts.join(",")}`);
// The page instances run the built web app (turbo skips an unchanged build).
await buildApps();
const site: Site = await startSite(cfg, { id: "bench-serve", log: progress });
const ceiling = await startCeiling();

try {
  const front = site.url;
  const apiDirect = `http://127.0.0.1:${cfg.front.apiPorts[0]!}`;
  const pageDirect = `http://127.0.0.1:${cfg.front.pagePorts[0]!}`;

  const loggedIn = await postForm(`${front}/api/login`, { user: dataset.login.user, passwd: dataset.login.password, api_type: "json" });
  const cookie = loggedIn.setCookie.map((c) => c.split(";")[0]).join("; ");
  if (loggedIn.status !== 200 || !cookie) throw new Error(`logging in ${dataset.login.user} failed: ${loggedIn.status} ${loggedIn.body.slice(0, 200)}`);
  progress(`logged in as ${dataset.login.user}`);

  // A page is asked for as a browser asks for a document (the page renders a document's things once, html-handoff.ts).
  const page = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
  // Each URL: its ceiling and the real servers measured against it.
  const urls: MeasuredUrl[] = [
    { key: "me", label: "GET /api/v1/me (anonymous, 401)", path: "/api/v1/me", headers: {}, targets: { direct: apiDirect, front } },
    { key: "about", label: `GET /r/${dataset.community}/about.json`, path: `/r/${dataset.community}/about.json`, headers: {}, targets: { direct: apiDirect, front } },
    {
      key: "comments",
      label: `GET /comments/${dataset.post.id36}.json (${dataset.post.numComments} comments)`,
      path: `/comments/${dataset.post.id36}.json`,
      headers: {},
      targets: { direct: apiDirect, front },
    },
    { key: "front-page", label: "GET / logged out", path: "/", headers: page, targets: { "front (cached)": front, "page server (uncached)": pageDirect } },
    { key: "front-page-user", label: `GET / logged in (${dataset.login.user})`, path: "/", headers: { ...page, cookie }, targets: { front, "page server": pageDirect } },
  ];

  // What the real servers answer: the ceiling replays the direct server's bytes; every target's own status is what counts as a correct answer.
  const captured = new Map<string, CapturedResponse>();
  for (const u of urls) {
    for (const [target, origin] of Object.entries(u.targets)) captured.set(`${u.key}:${target}`, await capture(origin + u.path, u.headers));
    const first = captured.get(`${u.key}:${Object.keys(u.targets)[0]!}`)!;
    const bytes = captured.get(`${u.key}:${Object.keys(u.targets).at(-1)!}`)!;
    await ceiling.add(u.key, bytes);
    progress(`captured ${u.label}: ${bytes.status}, ${Buffer.from(bytes.bodyBase64, "base64").length} bytes, cache-control ${first.headers["cache-control"] ?? "-"}`);
  }

  const groups = await processGroups(site, ceiling.pid, dataset.name);
  const sampler = new CpuSampler(groups);
  progress(`sampling CPU of ${groups.map((g) => `${g.name} (${g.pid})`).join(", ")}`);

  const plan = urls.flatMap((u) =>
    [["ceiling", ceiling.url] as const, ...Object.entries(u.targets)]
      .filter(([target]) => !only || only.test(`${u.key}:${target}`))
      .flatMap(([target, origin]) => connectionCounts.map((connections) => ({ u, target, origin, connections }))),
  );
  progress(`${plan.length} cells of ${warmupSeconds} s warm-up + ${seconds} s: about ${Math.ceil((plan.length * (seconds + warmupSeconds + 0.3)) / 60)} min`);

  // A server just started loads its route modules and runs cold code for its first few hundred
  // requests; a site in service does not. Each measured server is driven for a while first.
  if (prewarmSeconds > 0) {
    const warmed = new Map(plan.filter((p) => p.target !== "ceiling").map((p) => [`${p.u.key}:${p.target}`, p]));
    progress(`pre-warming ${warmed.size} servers, ${prewarmSeconds} s each`);
    for (const { u, origin } of warmed.values()) await runLoad({ url: origin + u.path, connections: 16, headers: u.headers, expectStatus: 0, seconds: prewarmSeconds });
  }

  const cells: Cell[] = [];
  for (const [i, { u, target, origin, connections }] of plan.entries()) {
    if (target === "ceiling") await ceiling.use(u.key);
    const expectStatus = (captured.get(`${u.key}:${target}`) ?? captured.get(`${u.key}:${Object.keys(u.targets).at(-1)!}`))!.status;
    const load = { url: origin + u.path, connections, headers: u.headers, expectStatus };
    if (warmupSeconds > 0) await runLoad({ ...load, seconds: warmupSeconds });
    const stop = sampler.start();
    const result: LoadResult = await runLoad({ ...load, seconds });
    const cpu: CpuWindow = stop();
    const ceilingCell = cells.find((c) => c.url === u.key && c.target === "ceiling" && c.connections === connections);
    const cell: Cell = {
      url: u.key,
      label: u.label,
      path: u.path,
      target,
      connections,
      ...result,
      ratio: ceilingCell ? result.rps / ceilingCell.rps : target === "ceiling" ? 1 : null,
      cpu,
      // CPU milliseconds each process spent per answered request: steadier than req/s when other work shares the machine.
      cpuMsPerRequest: Object.fromEntries(Object.entries(cpu.groups).map(([name, pct]) => [name, result.requests ? Math.round(((pct / 100) * seconds * 1000 * 1000) / result.requests) / 1000 : 0])),
      bound: boundBy(cpu),
    };
    cells.push(cell);
    progress(
      `${String(i + 1).padStart(2)}/${plan.length} ${u.key} ${target} c=${connections}: ${result.rps} req/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.errors} errors` +
        ` (${cell.ratio === null ? "-" : (cell.ratio * 100).toFixed(1) + "%"} of ceiling; ${cell.bound})`,
    );
  }

  const targets = checkTargets(cells);
  const lines = formatTable(cells, targets, groups.map((g) => g.name));
  console.log("\n" + lines.join("\n"));

  const report = {
    benchmark: "serve",
    startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? "?", node: process.version, loadGenerator: "autocannon in the benchmark process (one event loop)" },
    dataset: { name: dataset.name, size: dataset.size, community: dataset.community, post: dataset.post },
    site: { apiInstances: cfg.front.apiPorts.length, pageInstances: cfg.front.pagePorts.length, pageCacheSeconds: cfg.front.pageCacheSeconds, pageStaleSeconds: cfg.front.pageStaleSeconds },
    cellSeconds: seconds,
    warmupSeconds,
    cpuNote: "CPU% per process group over each cell: 100 = one core busy the whole cell; postgres = the backends serving the benchmark's database; other = every process outside the groups; machine = all cores (max 100 x cores)",
    processes: groups,
    cells,
    targets,
  };
  const dir = path.join(base.stateDir, "bench");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `serve-${report.startedAt.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nJSON: ${path.relative(process.cwd(), file)} (${((performance.now() - t0) / 1000).toFixed(0)} s in all)`);
} finally {
  await ceiling.stop();
  await site.stop();
}

/** One URL with its ceiling and the real servers (name → origin) measured against it. */
interface MeasuredUrl {
  key: string;
  label: string;
  path: string;
  headers: Record<string, string>;
  targets: Record<string, string>;
}

/** The processes whose CPU each cell records: the front tier, every app instance, Postgres, the ceiling and this load generator. */
async function processGroups(s: Site, ceilingPid: number, database: string): Promise<ProcessGroup[]> {
  const groups: ProcessGroup[] = [];
  const record = runningSites(s.cfg).find((r) => r.id === s.id);
  if (record?.ownFrontDir) groups.push({ name: "nginx", pid: Number(fs.readFileSync(path.join(record.ownFrontDir, "nginx.pid"), "utf8").trim()) });
  for (const i of s.instances()) if (i.pid !== null) groups.push({ name: i.name, pid: i.pid });
  // Postgres is a stack service shared with other sessions: count the backends serving our database.
  const postgres = (await stackStatus({ quiet: true })).find((st) => st.name === "postgres");
  if (postgres?.pid) groups.push({ name: "postgres", pid: postgres.pid, match: new RegExp(`^postgres: \\S+ ${database} `) });
  groups.push({ name: "ceiling", pid: ceilingPid }, { name: "load generator", pid: process.pid, alone: true });
  return groups;
}
