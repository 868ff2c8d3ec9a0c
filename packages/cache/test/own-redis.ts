/**
 * Throwaway redis-server processes for fault tests, on free loopback ports, owned by the test:
 * it may SIGSTOP, SIGCONT and kill them by pid. The stack's own Redis nodes are never signalled.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { Redis } from "ioredis";
import type { CacheNode } from "../src/index.js";

const REDIS_SERVER = "/usr/bin/redis-server";

export interface OwnRedis {
  node: CacheNode;
  /** A plain client of its own, for looking at the node's data from outside the ring. */
  admin: Redis;
  stop(): void;
  resume(): void;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

async function waitForPing(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis({ host: "127.0.0.1", port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on("error", () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.disconnect();
    }
  }
}

function spawnServer(port: number): ChildProcess {
  return spawn(REDIS_SERVER, ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no", "--loglevel", "warning"], {
    stdio: "ignore",
  });
}

export async function startOwnRedis(id: string): Promise<OwnRedis> {
  const port = await freePort();
  let proc = spawnServer(port);
  await waitForPing(port);
  const admin = new Redis({ host: "127.0.0.1", port, maxRetriesPerRequest: 1 });
  admin.on("error", () => undefined);
  const signal = (sig: NodeJS.Signals) => {
    if (proc.pid !== undefined && proc.exitCode === null) process.kill(proc.pid, sig);
  };
  const kill = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    signal("SIGCONT");
    signal("SIGKILL");
    await exited;
  };
  return {
    node: { id, host: "127.0.0.1", port },
    admin,
    stop: () => signal("SIGSTOP"),
    resume: () => signal("SIGCONT"),
    kill,
    async restart() {
      await kill();
      proc = spawnServer(port);
      await waitForPing(port);
    },
  };
}

export async function stopAll(servers: readonly OwnRedis[]): Promise<void> {
  for (const s of servers) {
    s.admin.disconnect();
    await s.kill();
  }
}

/** Wait until `check` holds, polling; fail with `what` after `ms`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
