// Freshness benchmark: how soon a vote shows in the cached listings, under a steady vote load.
//
// Measured: for --seconds, votes at --rate per second through the public port (nginx → API
// instances) from --voters users with bearer tokens, each voter group from a loopback address of
// its own, open loop (a vote is sent when it is due, whether or not earlier ones were answered).
// Every --sample-th vote slot is a probe instead: an upvote in a probe pair's community (see
// freshness/probe.ts) whose new score and new order are known exactly; from its 200 the pair's
// hot listing is polled through the public port until both show. Figures: p50/p95/p99 of
// commit → order visible, commit → score visible and commit → both, the achieved vote rate,
// errors by status, and after the pipeline drains, votes lost (acknowledged votes whose row does
// not hold them, posts whose ups/downs differ from their votes) and whether every listing's order
// and scores equal Postgres. CPU per process over the load. Never asserts times.
//
//   npm run bench -- freshness [--seconds 60] [--rate 1000] [--sample 20] [--voters 2000]
//                              [--posts 200] [--pairs 16] [--poll-ms 50] [--addresses 64] [--warmup 3]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { config, repoRoot } from "@hivemind/config";
import { buildApps, runningSites, siteConfig, stackStatus, startSite, type Site } from "@hivemind/infra";
import { auditCounts, auditListings, drain, type LastVote } from "./freshness/audit.js";
import { PublicClient } from "./freshness/client.js";
import { pollProbe, ProbeState, type ProbeResult } from "./freshness/probe.js";
import { createAccounts, freshDatabase, type ProbePair, type Voter } from "./freshness/setup.js";
import { CpuSampler, type CpuWindow, type ProcessGroup } from "./serve/cpu.js";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    rate: { type: "string", default: "1000" },
    sample: { type: "string", default: "20" },
    voters: { type: "string", default: "2000" },
    posts: { type: "string", default: "200" },
    pairs: { type: "string", default: "16" },
    "poll-ms": { type: "string", default: "50" },
    addresses: { type: "string", default: "64" },
    connections: { type: "string", default: "8" },
    "max-in-flight": { type: "string", default: "1024" },
    "score-wait": { type: "string", default: "3" },
    warmup: { type: "string", default: "3" },
    "api-instances": { type: "string" },
  },
});
const num = (name: keyof typeof args, min: number, max: number): number => {
  const v = Number(args[name]);
  if (!(Number.isFinite(v) && v >= min && v <= max)) throw new Error(`--${name}: from ${min} to ${max}`);
  return v;
};
const seconds = num("seconds", 1, 600);
const rate = num("rate", 1, 20_000);
const sample = num("sample", 2, 10_000);
const voterCount = num("voters", 10, 50_000);
const postCount = num("posts", 2, 1000);
const pairCount = num("pairs", 1, 200);
const pollMs = num("poll-ms", 5, 1000);
const addresses = num("addresses", 1, 2000);
const connections = num("connections", 1, 64);
const maxInFlight = num("max-in-flight", 1, 100_000);
const scoreWaitMs = num("score-wait", 0, 60) * 1000;
const warmupSeconds = num("warmup", 0, 60);
const ORDER_WAIT_MS = 15_000;
const COMMUNITY = "freshness";
const DATABASE = "bench_freshness";

const t0 = performance.now();
const progress = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(", ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
progress(`load average ${loadAverage()} on ${os.cpus().length} cores`);

const base = config();
const databaseUrl = await freshDatabase(DATABASE, progress);
// Submissions are limited per account and per address too: one author per 20 posts, each from its own address.
const accounts = await createAccounts(databaseUrl, { voters: voterCount, pairs: pairCount, community: COMMUNITY, authors: Math.ceil((postCount + 2 * pairCount) / 20) });
progress(`${voterCount} voters with bearer sessions, r/${COMMUNITY} and ${pairCount} probe communities, straight in the database`);

// The abuse limits stay as configured: the load spreads over enough voters, authors and source addresses to stay under them.
const ownSite = await siteConfig(base, { databaseUrl, ...(args["api-instances"] ? { apiInstances: Number(args["api-instances"]) } : {}) });
// siteConfig sets the database URL only; the API's read services compare the database they are on with postgres.database and,
// when they differ, read listings under a `<database>:` prefix the worker does not write. Naming the database keeps both on one key.
const cfg = { ...ownSite, postgres: { ...ownSite.postgres, database: DATABASE } };
const voteLimits = cfg.rateLimits.vote;
const planned = rate * seconds;
if (voteLimits.perAccount && planned / voterCount > voteLimits.perAccount.count) progress(`warning: ${Math.ceil(planned / voterCount)} votes per voter exceed the per-account limit (${voteLimits.perAccount.count}/${voteLimits.perAccount.windowSeconds} s): raise --voters`);
if (voteLimits.perAddress && planned / addresses > voteLimits.perAddress.count) progress(`warning: ${Math.ceil(planned / addresses)} votes per address exceed the per-address limit (${voteLimits.perAddress.count}/${voteLimits.perAddress.windowSeconds} s): raise --addresses`);
progress(`starting a site of its own: front tier on ${cfg.front.port}, API on ${cfg.front.apiPorts.join(",")}, pages on ${cfg.front.pagePorts.join(",")}`);
// The API bundle is what the votes and listings cross; the page instance only has to start. Other sessions build the same
// working tree: when a build fails (theirs racing ours, their change half-made), the last good outputs are run.
await buildApps().catch((err: unknown) => {
  if (!fs.existsSync(path.join(repoRoot, "apps/api/dist/main.mjs")) || !fs.existsSync(path.join(repoRoot, "apps/web/.next/BUILD_ID"))) throw err;
  progress(`warning: ${err instanceof Error ? err.message : String(err)}; running the last built API bundle and web app`);
});
const site: Site = await startSite(cfg, { id: "bench-freshness", log: progress });
const client = new PublicClient(site.url, addresses, connections);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });

try {
  // Posts through the API (each starts with its author's upvote, counted by the tally): r/freshness's, then each pair's P and R in that order.
  let submitted = 0;
  const submit = async (sr: string, title: string): Promise<string> => {
    const author = Math.floor(submitted++ / 20);
    const res = await client.postForm(author, accounts.authors[author]!.token, "/api/submit", { kind: "self", sr, title, text: "", api_type: "json" });
    const name = (res.body as { json?: { data?: { name?: string } } } | null)?.json?.data?.name;
    if (res.status !== 200 || !name) throw new Error(`submitting to r/${sr}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    return name;
  };
  const posts: string[] = [];
  for (let i = 0; i < postCount; i += 8) posts.push(...(await Promise.all(Array.from({ length: Math.min(8, postCount - i) }, (_, j) => submit(COMMUNITY, `freshness post ${i + j}`)))));
  const pairs: ProbePair[] = await Promise.all(
    accounts.pairCommunities.map(async (community) => {
      const p = await submit(community, "probe P");
      await sleep(20);
      return { community, p, r: await submit(community, "probe R") };
    }),
  );
  progress(`submitted ${posts.length} posts to r/${COMMUNITY} and a P and an R to each probe community through ${site.url}`);

  // Settled: every author upvote counted and every listing showing it (this also fills the thing cache, as readers would).
  const settleStarted = performance.now();
  await drain(pool, 120_000, progress);
  for (;;) {
    const audit = await auditListings(pool, client, [COMMUNITY, ...pairs.map((p) => p.community)]);
    if (audit.orderMismatches === 0 && audit.items === postCount + 2 * pairCount) break;
    if (performance.now() - settleStarted > 30_000) {
      progress(`warning: the listings did not settle to the Postgres order within 30 s: ${JSON.stringify(audit)}`);
      break;
    }
    await sleep(250);
  }
  progress(`listings settled ${((performance.now() - settleStarted) / 1000).toFixed(1)} s after the last submission`);

  // The load: open loop, a tick every 5 ms sends what is due.
  const probes = pairs.map((p, i) => new ProbeState(p, i));
  const last = new Map<string, LastVote>();
  const inFlight = new Set<string>();
  const statuses = new Map<number, number>();
  const results: ProbeResult[] = [];
  const pending: Promise<void>[] = [];
  let sent = 0;
  let acked = 0;
  let dropped = 0;
  let probesStarted = 0;
  let probesSkipped = 0;
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  const send = (voterIndex: number, voter: Voter, fullname: string, dir: -1 | 0 | 1, after?: (ok: boolean, at: number) => void) => {
    const key = `${voter.id}:${fullname}`;
    inFlight.add(key);
    last.set(key, { userId: voter.id, fullname, dir, acked: false });
    sent++;
    const p = client.vote(voterIndex, voter.token, fullname, dir).then((status) => {
      const at = performance.now();
      inFlight.delete(key);
      count(status);
      if (status === 200) {
        acked++;
        last.get(key)!.acked = true;
      }
      after?.(status === 200, at);
    });
    pending.push(p);
  };

  const background = () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const v = Math.floor(Math.random() * voterCount);
      const voter = accounts.voters[v]!;
      const post = posts[Math.floor(Math.random() * posts.length)]!;
      const key = `${voter.id}:${post}`;
      const prev = last.get(key);
      // A voter's votes on one post are never in flight together, and one whose outcome is unknown is left alone.
      if (inFlight.has(key) || (prev && !prev.acked)) continue;
      const choices = ([1, -1, 0] as const).filter((d) => d !== (prev?.dir ?? 0));
      send(v, voter, post, choices[Math.floor(Math.random() * choices.length)]!);
      return;
    }
    dropped++;
  };

  const probe = (): boolean => {
    const free = probes.filter((s) => !s.busy && !s.broken);
    if (free.length === 0) return false;
    const state = free[Math.floor(Math.random() * free.length)]!;
    const next = state.next();
    // The n-th probe vote on a post comes from the n-th background voter (who never votes on probe posts otherwise).
    const vi = next.onP ? state.votesP : state.votesR;
    const voter = accounts.voters[vi];
    if (!voter) return false;
    state.busy = true;
    probesStarted++;
    send(vi, voter, next.fullname, 1, (ok, at) => {
      if (!ok) {
        state.broken = true;
        state.busy = false;
        return;
      }
      state.committed(next.onP, next.score);
      pending.push(
        pollProbe(client, state, next, at, { pollMs, orderWaitMs: ORDER_WAIT_MS, scoreWaitMs }).then((r) => {
          results.push(r);
          state.busy = false;
        }),
      );
    });
    return true;
  };

  // Open loop: a tick every 5 ms sends what is due since `start`.
  const drive = async (ms: number, probesOn: boolean) => {
    const start = performance.now();
    let slot = 0;
    let lastReport = start;
    let lastSent = sent;
    let lastAcked = acked;
    while (performance.now() < start + ms) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      while (slot < due) {
        slot++;
        if (inFlight.size >= maxInFlight) dropped++;
        else if (probesOn && slot % sample === 0 && probe()) continue;
        else {
          if (probesOn && slot % sample === 0) probesSkipped++;
          background();
        }
      }
      const now = performance.now();
      if (now - lastReport >= 5000) {
        const s = (now - lastReport) / 1000;
        progress(
          `${((now - start) / 1000).toFixed(0)} s: sent ${Math.round((sent - lastSent) / s)}/s, acknowledged ${Math.round((acked - lastAcked) / s)}/s, in flight ${inFlight.size}, not sent ${dropped}, probes done ${results.length}; load average ${loadAverage()}`,
        );
        lastReport = now;
        lastSent = sent;
        lastAcked = acked;
      }
      await sleep(5);
    }
  };
  const settle = async () => {
    // Promises are added while they settle (a probe's poll starts after its vote); wait until none is added.
    for (let seen = 0; seen < pending.length; ) {
      const batch = pending.slice(seen);
      seen = pending.length;
      await Promise.all(batch);
    }
  };

  // Warm-up at the same rate, no probes: every pool has opened its connections before CPU is sampled (a process started inside the window is not counted).
  progress(`warm-up: ${warmupSeconds} s at ${rate} votes/s`);
  await drive(warmupSeconds * 1000, false);
  await settle();
  const warmup = { sent, acknowledged: acked, statuses: Object.fromEntries(statuses) };
  sent = 0;
  acked = 0;
  dropped = 0;
  statuses.clear();

  const groups = await processGroups(site, DATABASE);
  const sampler = new CpuSampler(groups);
  progress(`load: ${rate} votes/s for ${seconds} s, every ${sample}th a probe (${pairCount} pairs, polled every ${pollMs} ms); ${addresses} source addresses x ${connections} connections; load average ${loadAverage()}`);
  const stopCpu = sampler.start();
  const loadStart = performance.now();
  await drive(seconds * 1000, true);
  const sendSeconds = (performance.now() - loadStart) / 1000;
  progress(`load over: waiting for ${inFlight.size} votes in flight and the probes`);
  await settle();
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const cpu: CpuWindow = stopCpu();
  const loadAvgAfter = os.loadavg();

  progress("draining the pipeline (outbox empty, every vote counted)");
  const drainMs = await drain(pool, 300_000, progress);
  // The listings consumer works after the tally: give the listings up to 30 s to equal Postgres.
  const listingStarted = performance.now();
  let listings = await auditListings(pool, client, [COMMUNITY, ...pairs.map((p) => p.community)]);
  while (listings.orderMismatches > 0 && performance.now() - listingStarted < 30_000) {
    await sleep(500);
    listings = await auditListings(pool, client, [COMMUNITY, ...pairs.map((p) => p.community)]);
  }
  const listingSettleMs = Math.round(performance.now() - listingStarted);
  const counts = await auditCounts(pool, last.values());

  // Figures.
  const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]! : null);
  const stats = (xs: (number | null)[]) => {
    const seen = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
    return { n: seen.length, missing: xs.length - seen.length, p50: pct(seen, 50), p95: pct(seen, 95), p99: pct(seen, 99), max: seen.at(-1) ?? null };
  };
  const latency = { order: stats(results.map((r) => r.orderMs)), score: stats(results.map((r) => r.scoreMs)), both: stats(results.map((r) => r.bothMs)) };
  const sources: Record<string, number> = {};
  for (const r of results) for (const [s, n] of Object.entries(r.sources)) sources[s] = (sources[s] ?? 0) + n;
  const reads = results.reduce((s, r) => s + r.reads, 0);
  const errors = [...statuses].filter(([s]) => s !== 200).reduce((s, [, n]) => s + n, 0);
  const stale = results.filter((r) => r.scoreMs === null && r.shownScore !== null);

  const fmt = (v: number | null) => (v === null ? "-" : String(v));
  const lines: string[] = [];
  lines.push("", `bench/freshness: votes through the public port, ${seconds} s at a target of ${rate}/s (${voterCount} voters, r/${COMMUNITY} with ${postCount} posts, ${pairCount} probe pairs)`, "");
  lines.push(`${"commit → visible in the hot listing".padEnd(40)} ${"probes".padStart(6)} ${"not seen".padStart(8)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)}`);
  for (const [name, s] of [["new order", latency.order], ["new score (listing JSON)", latency.score], ["score and order", latency.both]] as const) {
    lines.push(`${name.padEnd(40)} ${String(s.n + s.missing).padStart(6)} ${String(s.missing).padStart(8)} ${fmt(s.p50).padStart(7)} ${fmt(s.p95).padStart(7)} ${fmt(s.p99).padStart(7)} ${fmt(s.max).padStart(7)}`);
  }
  lines.push(`  (not seen: order not within ${ORDER_WAIT_MS / 1000} s, score not within ${scoreWaitMs / 1000} s of the order; ${reads} listing reads, sources ${JSON.stringify(sources)})`);
  if (stale.length) lines.push(`  ${stale.length} probes never showed their score: the listing JSON kept showing the post's earlier score (e.g. ${stale[0]!.shownScore})`);
  lines.push("");
  const achieved = acked / sendSeconds;
  lines.push(`votes: target ${rate}/s, sent ${sent} (${(sent / sendSeconds).toFixed(0)}/s), acknowledged ${acked} (${achieved.toFixed(0)}/s, ${((achieved / rate) * 100).toFixed(0)}% of the target), not sent ${dropped} (in-flight cap ${maxInFlight} or no free voter)`);
  lines.push(`errors: ${errors} (${[...statuses].map(([s, n]) => `${s === 0 ? "no answer" : s}: ${n}`).join(", ")}); probes ${probesStarted} started, ${probesSkipped} probe slots had no free pair (sent as background votes)`);
  lines.push(`drain after the load: ${drainMs === null ? "NOT drained within 300 s" : `${drainMs} ms`} to an empty outbox with every vote counted; listings equal to Postgres order ${listings.orderMismatches === 0 ? `after ${listingSettleMs} ms` : `NOT within ${listingSettleMs} ms (${listings.orderMismatches} of ${listings.listings} listings differ)`}`);
  lines.push(`lost: ${counts.lost} of ${counts.ackedChecked} acknowledged last votes not in the votes table (${counts.unknown} with an unknown outcome left out); posts whose ups/downs differ from their votes: ${counts.postsMiscounted} of ${counts.postsChecked}`);
  if (listings.firstDifference) lines.push(`  first difference: ${listings.firstDifference}`);
  lines.push(`listing JSON scores vs Postgres: ${listings.scoreMismatches} of ${listings.items} items differ (largest gap ${listings.maxScoreGap})`);
  lines.push("");
  lines.push(`CPU% per process over the load (${loadSeconds.toFixed(1)} s; 100 = one core):`);
  const cpuRows = [...Object.entries(cpu.groups), ["other (outside the benchmark)", cpu.other] as [string, number], ["machine", cpu.machine] as [string, number]];
  for (const [name, v] of cpuRows) lines.push(`  ${name.padEnd(32)} ${v.toFixed(0).padStart(5)}`);
  for (const o of cpu.topOther) lines.push(`    other: ${o.cpu.toFixed(0)}% ${o.command}`);
  lines.push(`load average: ${loadAverage()} now, ${loadAvgAfter.map((l) => l.toFixed(2)).join(", ")} at the end of the load, on ${os.cpus().length} cores`);
  lines.push("");
  lines.push(`ratio: p99 commit → score and order ${latency.both.p99 === null ? "not measured (no probe showed both)" : `${(latency.both.p99 / 1000).toFixed(2)}x the 1 s goal`}; achieved rate ${(achieved / 1000).toFixed(2)}x the 1,000/s goal`);
  console.log(lines.join("\n"));

  const report = {
    benchmark: "freshness",
    startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? "?", node: process.version, loadAverageAtEnd: loadAvgAfter },
    settings: { seconds, warmupSeconds, rate, sample, voters: voterCount, posts: postCount, pairs: pairCount, pollMs, addresses, connections, maxInFlight, scoreWaitMs, orderWaitMs: ORDER_WAIT_MS, apiInstances: cfg.front.apiPorts.length },
    database: DATABASE,
    warmup,
    votes: { sent, acknowledged: acked, sendSeconds, achievedPerSecond: achieved, notSent: dropped, statuses: Object.fromEntries(statuses) },
    latency,
    probes: { started: probesStarted, slotsWithoutFreePair: probesSkipped, reads, sources, results },
    drainMs,
    listings: { ...listings, settleMs: listingSettleMs },
    counts,
    cpuNote: "CPU% per process group over the load: 100 = one core busy; postgres = the backends serving the benchmark's database; kafka, cassandra and redis are the stack's, shared with every other session; other = every process outside the groups",
    processes: groups,
    cpu,
  };
  const dir = path.join(base.stateDir, "bench");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `freshness-${report.startedAt.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  console.log(`\nJSON: ${path.relative(process.cwd(), file)} (${((performance.now() - t0) / 1000).toFixed(0)} s in all)`);
} finally {
  await client.close();
  await pool.end();
  await accounts.db.$disconnect();
  await site.stop();
}

/** The site's processes, the Postgres backends of the benchmark's database, the stack services the vote path crosses, and this process. */
async function processGroups(s: Site, database: string): Promise<ProcessGroup[]> {
  const groups: ProcessGroup[] = [];
  const record = runningSites(s.cfg).find((r) => r.id === s.id);
  if (record?.ownFrontDir) groups.push({ name: "nginx", pid: Number(fs.readFileSync(path.join(record.ownFrontDir, "nginx.pid"), "utf8").trim()) });
  for (const i of s.instances()) if (i.pid !== null) groups.push({ name: i.name, pid: i.pid });
  const stack = await stackStatus({ quiet: true });
  for (const st of stack) {
    if (!st.pid) continue;
    if (st.name === "postgres") groups.push({ name: "postgres", pid: st.pid, match: new RegExp(`^postgres: \\S+ ${database} `) });
    else if (st.name === "kafka" || st.name === "cassandra" || st.name.startsWith("redis")) groups.push({ name: `${st.name} (shared)`, pid: st.pid });
  }
  groups.push({ name: "load generator", pid: process.pid, alone: true });
  return groups;
}

