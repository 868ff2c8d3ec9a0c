// bench/read (`npm run bench -- read [--seconds N] [--size large]`): a community's hot listing (25
// hydrated items) through the API server direct and through the front tier, against (a) ORDER BY reddit's hot() computed at
// read time, (b) Lemmy's stored rank column with an index refreshed periodically (both reading
// the rows from Postgres, as those designs do; (b) once more with this site's caches), and the
// ceiling (a bare node:http server returning the same JSON); req/s, p50, p99 at 16, 64 and 256
// connections. Its own database (bench_read), seeded once. Figures: a table on stdout and JSON
// under .state/bench/. Never asserts times.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { config } from "@hivemind/config";
import { ensureNamedDatabase } from "@hivemind/db";
import { buildApps, siteConfig, startSite } from "@hivemind/infra";
import { seed } from "@hivemind/ops/seed";
import { capture } from "./serve/capture.js";
import { startCeiling } from "./serve/ceiling.js";
import { runLoad, type LoadResult } from "./serve/load.js";
import { ensureRankTable } from "./read/sql.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const seconds = Number(arg("seconds", "8"));
const size = arg("size", "large") as "small" | "medium" | "large";
const CONNECTIONS = [16, 64, 256];
const cfg = config();
const dbName = "bench_read";
const log = (s: string) => console.log(`bench/read: ${s}`);

async function ensureDatabase(): Promise<string> {
  const databaseUrl = await ensureNamedDatabase(dbName, { log });
  const started = Date.now();
  const r = await seed({ size, databaseUrl, ifEmpty: true });
  log(r.skipped ? `database ${dbName} already seeded` : `seeded ${size} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return databaseUrl;
}

function startServer(mode: string): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(fileURLToPath(new URL("./read/server.ts", import.meta.url)), [mode, databaseUrl], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, LOG_LEVEL: "error" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${mode} server exited (${code})`)));
    child.once("message", (m) => resolve({ url: `http://127.0.0.1:${(m as { port: number }).port}`, child }));
  });
}

/** Asks the server to stop (it drains and exits); one still there after 5 s is killed. */
async function stopServer(child: ChildProcess): Promise<void> {
  child.removeAllListeners("exit");
  const exited = new Promise((r) => child.once("exit", r));
  child.send("stop");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

interface Row extends LoadResult {
  target: string;
  connections: number;
}

const databaseUrl = await ensureDatabase();
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const { rows: top } = await pool.query<{ name: string; posts: string }>(
  "SELECT c.name, count(*)::text AS posts FROM posts p JOIN communities c ON c.id = p.community_id GROUP BY c.name ORDER BY count(*) DESC LIMIT 1",
);
const community = top[0]!;
const { rows: total } = await pool.query<{ n: string }>("SELECT count(*)::text AS n FROM posts");
log(`community r/${community.name}: ${community.posts} of ${total[0]!.n} posts`);
log("baseline (b): the stored rank table…");
await ensureRankTable(pool);
await pool.end();

const listingPath = `/r/${community.name}/hot.json?limit=25`;
const results: Row[] = [];
const TARGET_NAMES = {
  precomputed: "precomputed hot (API direct)",
  computed: "baseline (a): ORDER BY hot()",
  ranked: "baseline (b): stored rank + index",
  "ranked-cached": "(b)'s skeleton + this site's caches",
  front: "precomputed hot (front tier)",
} as const;

async function measure(name: string, url: string): Promise<void> {
  for (const connections of CONNECTIONS) {
    const r = await runLoad({ url: url + listingPath, connections, seconds, expectStatus: 200 });
    results.push({ target: name, connections, ...r });
    log(`${name.padEnd(36)} ${String(connections).padStart(3)} conns  ${String(r.rps).padStart(6)} req/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms  errors ${r.errors}`);
  }
}

// One server at a time, running only while it is measured: baseline (b)'s periodic rank refresh
// is its own cost and must not load the machine while another target is measured.
let ceilingBytes: Awaited<ReturnType<typeof capture>> | undefined;
for (const mode of ["precomputed", "computed", "ranked", "ranked-cached"] as const) {
  const s = await startServer(mode);
  // Warm up: the first read fills the listing store and the thing cache.
  for (let i = 0; i < 3; i++) {
    const res = await capture(s.url + listingPath);
    if (res.status !== 200) throw new Error(`${mode}: ${listingPath} answered ${res.status}`);
    if (mode === "precomputed") ceilingBytes = res;
  }
  if (mode === "precomputed") {
    const first = JSON.parse(Buffer.from(ceilingBytes!.bodyBase64, "base64").toString()) as { data: { children: unknown[] } };
    log(`the page: ${first.data.children.length} items, ${Buffer.from(ceilingBytes!.bodyBase64, "base64").length} bytes`);
  }
  await measure(TARGET_NAMES[mode], s.url);
  await stopServer(s.child);
}
// Through the front tier: the site as it ships (nginx, the API instances, pages) on this database,
// without its worker (nothing is written here). nginx caches pages for logged-out readers, never
// API answers: every request here reaches an API instance.
{
  const siteCfg = await siteConfig(cfg, { databaseUrl });
  await buildApps();
  const site = await startSite(siteCfg, { id: "bench-read", log, withoutWorker: true });
  try {
    for (let i = 0; i < 3; i++) {
      const res = await capture(site.url + listingPath);
      if (res.status !== 200) throw new Error(`front tier: ${listingPath} answered ${res.status}`);
    }
    await measure(TARGET_NAMES.front, site.url);
  } finally {
    await site.stop();
  }
}
const ceiling = await startCeiling();
await ceiling.add("listing", ceilingBytes!);
await ceiling.use("listing");
await measure("ceiling: bare node:http", ceiling.url);
await ceiling.stop();

const at = (name: string, c: number) => results.find((r) => r.target.startsWith(name) && r.connections === c);
console.log("\nbench/read: a community's hot listing, 25 hydrated items\n");
console.log(`${"target".padEnd(36)} ${"conns".padStart(5)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(6)}`);
for (const r of results) console.log(`${r.target.padEnd(36)} ${String(r.connections).padStart(5)} ${String(r.rps).padStart(8)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${String(r.errors).padStart(6)}`);
const ratios: Record<string, number> = {};
for (const c of CONNECTIONS) {
  const p = at("precomputed", c)?.rps ?? 0;
  ratios[`vs_a@${c}`] = p / Math.max(1, at("baseline (a)", c)?.rps ?? 0);
  ratios[`vs_b@${c}`] = p / Math.max(1, at("baseline (b)", c)?.rps ?? 0);
  ratios[`vs_b_cached@${c}`] = p / Math.max(1, at("(b)'s skeleton", c)?.rps ?? 0);
  ratios[`of_ceiling@${c}`] = p / Math.max(1, at("ceiling", c)?.rps ?? 0);
  ratios[`front_vs_b@${c}`] = (at("precomputed hot (front tier)", c)?.rps ?? 0) / Math.max(1, at("baseline (b)", c)?.rps ?? 0);
}
console.log("\nratios (req/s of precomputed hot):");
for (const c of CONNECTIONS) {
  console.log(
    `  ${String(c).padStart(3)} conns: ${ratios[`vs_a@${c}`]!.toFixed(1)}x baseline (a), ${ratios[`vs_b@${c}`]!.toFixed(1)}x baseline (b), ` +
      `${ratios[`vs_b_cached@${c}`]!.toFixed(1)}x (b)'s skeleton with the caches, ${(ratios[`of_ceiling@${c}`]! * 100).toFixed(0)}% of the ceiling; ` +
      `through the front tier ${ratios[`front_vs_b@${c}`]!.toFixed(1)}x baseline (b)`,
  );
}
const out = path.join(cfg.stateDir, "bench", `read-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), size, database: dbName, community: community.name, communityPosts: Number(community.posts), totalPosts: Number(total[0]!.n), seconds, results, ratios }, null, 2));
console.log(`\nJSON: ${out}`);
