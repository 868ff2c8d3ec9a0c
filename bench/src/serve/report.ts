import os from "node:os";
import type { CpuWindow } from "./cpu.js";
import type { LoadResult } from "./load.js";

/** One measured cell: one URL on one target at one connection count. */
export interface Cell extends LoadResult {
  /** The URL's key (me, about, comments, front-page, front-page-user). */
  url: string;
  label: string;
  path: string;
  /** "ceiling", "direct", "front", … */
  target: string;
  connections: number;
  /** req/s over the ceiling's req/s for the same URL and connections (null without a ceiling cell). */
  ratio: number | null;
  cpu: CpuWindow;
  /** CPU milliseconds per answered request, per process group. */
  cpuMsPerRequest: Record<string, number>;
  /** Which process's CPU bounds the figure, from the CPU samples (see boundBy). */
  bound?: string;
}

/** A "Must show" figure of issue 6, read off the cells. Printed, never asserted. */
export interface Target {
  name: string;
  connections: number;
  figure: string;
  goal: string;
  met: boolean;
}

/** 100% = one core: a single-threaded process (node, an nginx worker) at or above this is saturated. */
const SATURATED = 90;

/** Other processes (other sessions' tests and builds) above this share of a core make a cell suspect. */
export const CONTENDED = 25;

/**
 * What bounds a cell: a process at one full core (node's event loop is one thread), or all cores
 * busy (then the top consumers share them), or neither (waiting: latency, locks, the network).
 * Processes outside the benchmark that took CPU during the cell are named: their share was lost.
 */
export function boundBy(cpu: CpuWindow, cores = os.cpus().length): string {
  const procs = Object.entries(cpu.groups).sort((a, b) => b[1] - a[1]);
  const top = [...procs, ["other", cpu.other] as [string, number]]
    .filter(([, pct]) => pct >= 15)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  const list = top.map(([name, pct]) => `${name} ${pct.toFixed(0)}%`).join(", ");
  const contended = cpu.other >= CONTENDED ? " [contended]" : "";
  if (cpu.machine >= SATURATED * cores) return `all ${cores} cores: ${list}${contended}`;
  const saturated = procs.filter(([name, pct]) => pct >= SATURATED && name !== "postgres" && name !== "nginx");
  if (saturated.length) return `${saturated.map(([n]) => n).join(" + ")} (one core); ${list}${contended}`;
  return `no core saturated (${cpu.machine.toFixed(0)}% of ${cores * 100}%): ${list}${contended}`;
}

function cellFor(cells: Cell[], url: string, target: string, connections: number): Cell | undefined {
  return cells.find((c) => c.url === url && c.target === target && c.connections === connections);
}

export function checkTargets(cells: Cell[]): Target[] {
  const out: Target[] = [];
  const connections = [...new Set(cells.map((c) => c.connections))];
  for (const n of connections) {
    const me = cellFor(cells, "me", "front", n);
    if (me?.ratio != null) out.push({ name: "anonymous /api/v1/me through the front tier vs the ceiling", connections: n, figure: pct(me.ratio), goal: ">= 25%", met: me.ratio >= 0.25 });
    const about = cellFor(cells, "about", "front", n);
    if (about) out.push({ name: "/r/{name}/about.json through the front tier", connections: n, figure: `${about.rps} req/s`, goal: ">= 1310 req/s (5 x 262)", met: about.rps >= 1310 });
    const page = cellFor(cells, "front-page", "front (cached)", n);
    if (page && n === 64)
      out.push({
        name: "logged-out front page through the front tier",
        connections: n,
        figure: `${page.rps} req/s, p99 ${page.p99Ms} ms`,
        goal: ">= 1000 req/s, p99 <= 50 ms",
        met: page.rps >= 1000 && page.p99Ms <= 50 && page.errors === 0,
      });
    const user = cellFor(cells, "front-page-user", "front", n);
    if (user) out.push({ name: "logged-in front page through the front tier", connections: n, figure: `${user.rps} req/s`, goal: ">= 144 req/s (3 x 48)", met: user.rps >= 144 });
  }
  return out;
}

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

function table(header: string[], rows: string[][], leftColumns = 1): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((v, i) => (i < leftColumns ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

/** The figures table, the CPU table and the targets, as lines for stdout (docs/performance.md shows the same). */
export function formatTable(cells: Cell[], targets: Target[], groups: string[]): string[] {
  const out: string[] = [];
  let lastUrl = "";
  const rows: string[][] = [];
  for (const c of cells) {
    const first = c.url !== lastUrl;
    lastUrl = c.url;
    rows.push([
      first ? c.label : "",
      c.target,
      String(c.connections),
      String(c.rps),
      c.p50Ms.toFixed(0),
      c.p99Ms.toFixed(0),
      String(c.errors),
      c.ratio === null ? "-" : pct(c.ratio),
      c.bound ?? boundBy(c.cpu),
    ]);
  }
  out.push(...table(["URL", "server", "conns", "req/s", "p50 ms", "p99 ms", "errors", "x ceiling", "bound by (CPU%, 100 = one core)"], rows, 2).map((l) => l.trimEnd()));
  out.push("");
  out.push("CPU% per process over each cell (100 = one core busy for the whole cell):");
  out.push(
    ...table(
      ["URL", "server", "conns", ...groups, "other", "machine"],
      cells.map((c) => [
        c.url,
        c.target,
        String(c.connections),
        ...groups.map((n) => (c.cpu.groups[n] === undefined ? "-" : c.cpu.groups[n].toFixed(0))),
        c.cpu.other.toFixed(0),
        c.cpu.machine.toFixed(0),
      ]),
      2,
    ),
  );
  const contended = cells.filter((c) => c.cpu.other >= CONTENDED);
  if (contended.length) {
    out.push(`${contended.length} of ${cells.length} cells ran while processes outside the benchmark took >= ${CONTENDED}% of a core ("other"; [contended] above):`);
    const seen = new Map<string, number>();
    for (const c of contended) for (const o of c.cpu.topOther) seen.set(o.command, Math.max(seen.get(o.command) ?? 0, o.cpu));
    for (const [command, cpu] of [...seen].sort((a, b) => b[1] - a[1]).slice(0, 5)) out.push(`  up to ${cpu.toFixed(0)}%  ${command}`);
  }
  out.push("");
  out.push("Issue 6 targets (figures, not assertions):");
  out.push(...table(["target", "conns", "figure", "goal", "met"], targets.map((t) => [t.name, String(t.connections), t.figure, t.goal, t.met ? "yes" : "NO"]), 1));
  return out;
}
