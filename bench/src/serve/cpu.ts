import fs from "node:fs";

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  /** utime + stime, in ticks. */
  ticks: number;
}

/** One process's parent and CPU time so far, or undefined once it has exited. */
function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: split after its last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** The pid and every process below it (nginx's workers, Postgres's backends, next's children). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = procStat(pid);
    if (!stat) continue;
    const siblings = children.get(stat.ppid);
    if (siblings) siblings.push(pid);
    else children.set(stat.ppid, [pid]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** A named group of processes whose CPU is summed: one API instance, nginx and its workers, … */
export interface ProcessGroup {
  name: string;
  /** Root pid; the group is this process and its descendants at the start of each window. */
  pid: number;
  /** Count the process alone, not its descendants (the benchmark process is the parent of the servers it starts). */
  alone?: boolean;
  /** Keep only members whose command line matches (Postgres: the backends serving the benchmark's database). */
  match?: RegExp;
}

/** CPU% per group over a window: 100 = one core busy for the whole window (2 cores: at most 200). */
export type CpuUsage = Record<string, number>;

/** Over a window: each group's CPU%, every other process's total ("other") and the busiest of those, and the whole machine. */
export interface CpuWindow {
  groups: CpuUsage;
  /** Everything on the machine outside the groups (other sessions' tests, builds, the stack's JVMs). */
  other: number;
  topOther: { pid: number; command: string; cpu: number }[];
  /** All cores, from /proc/stat: 100 = one core (at most 100 x cores). */
  machine: number;
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
  } catch {
    return "";
  }
}

function allPids(): number[] {
  return fs
    .readdirSync("/proc")
    .map(Number)
    .filter((pid) => Number.isInteger(pid));
}

/**
 * Samples /proc/<pid>/stat at the start and end of a window (a benchmark cell) and reports each
 * group's CPU over it, and everything else's. Processes that exit inside the window lose their
 * last ticks; processes that start inside it are not counted (app servers and Postgres backends
 * are long-lived under load; a test run that starts mid-cell shows up only in "machine").
 */
export class CpuSampler {
  constructor(private readonly groups: readonly ProcessGroup[]) {}

  start(): () => CpuWindow {
    const t0 = performance.now();
    const claimed = new Set<number>();
    const members = this.groups.map((g) => {
      const tree = g.alone ? [g.pid] : processTree(g.pid);
      const pids = g.match ? tree.filter((pid) => g.match!.test(commandLine(pid))) : tree;
      pids.forEach((pid) => claimed.add(pid));
      return { name: g.name, before: new Map(pids.map((pid) => [pid, procStat(pid)?.ticks ?? 0])) };
    });
    const others = new Map(allPids().flatMap((pid) => (claimed.has(pid) ? [] : [[pid, procStat(pid)?.ticks ?? 0] as const])));
    const machine0 = machineTicks();
    return () => {
      const seconds = (performance.now() - t0) / 1000;
      const toPct = (ticks: number) => round1((ticks / TICKS_PER_SECOND / seconds) * 100);
      const delta = (before: Map<number, number>) =>
        [...before].map(([pid, ticks]) => ({ pid, ticks: (procStat(pid)?.ticks ?? ticks) - ticks }));
      const groups: CpuUsage = {};
      for (const m of members) groups[m.name] = toPct(delta(m.before).reduce((sum, d) => sum + d.ticks, 0));
      const otherDeltas = delta(others).sort((a, b) => b.ticks - a.ticks);
      const machine1 = machineTicks();
      const busy = machine1.busy - machine0.busy;
      const all = busy + machine1.idle - machine0.idle;
      return {
        groups,
        other: toPct(otherDeltas.reduce((sum, d) => sum + d.ticks, 0)),
        topOther: otherDeltas
          .slice(0, 3)
          .filter((d) => d.ticks > 0)
          .map((d) => ({ pid: d.pid, command: commandLine(d.pid).slice(0, 120) || `pid ${d.pid}`, cpu: toPct(d.ticks) })),
        machine: all > 0 ? round1((busy / all) * 100 * machine1.cores) : 0,
      };
    };
  }
}

function machineTicks(): { busy: number; idle: number; cores: number } {
  const lines = fs.readFileSync("/proc/stat", "utf8").split("\n");
  const [, ...nums] = lines[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = nums.map(Number) as number[];
  const cores = lines.filter((l) => /^cpu\d/.test(l)).length;
  return { busy: user! + nice! + system! + irq! + softirq! + steal!, idle: idle! + iowait!, cores };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
