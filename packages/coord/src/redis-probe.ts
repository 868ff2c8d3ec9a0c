import { Redis } from "ioredis";
import type { RingNode } from "./ring.js";

/** What the sentinel (and `ops ring restore`) needs from a Redis node. */
export interface RedisProbe {
  /** Resolves on PONG; rejects on an error or after timeoutMs (a hung node). */
  ping(node: RingNode, timeoutMs: number): Promise<void>;
  /** FLUSHALL; rejects on an error or after timeoutMs. */
  flushAll(node: RingNode, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/**
 * One ioredis connection per node, kept open. Commands never queue while the connection is
 * down (enableOfflineQueue off: a refused connection fails the check at once); a hung node
 * (SIGSTOP, a stuck fork) is caught by the per-command timeout.
 */
export function ioredisProbe(): RedisProbe {
  const clients = new Map<string, Redis>();
  const client = (node: RingNode) => {
    const key = `${node.id}@${node.host}:${node.port}`;
    let c = clients.get(key);
    if (!c) {
      c = new Redis({
        host: node.host,
        port: node.port,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 1000,
        retryStrategy: () => 200,
        lazyConnect: false,
      });
      c.on("error", () => undefined); // failures surface as failed checks
      clients.set(key, c);
    }
    return c;
  };
  /** The connection once ready (a new one connects first), or a rejection after ms. */
  const ready = (c: Redis, ms: number, what: string): Promise<Redis> => {
    if (c.status === "ready") return Promise.resolve(c);
    return new Promise<Redis>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve(c);
      };
      const timer = setTimeout(() => {
        c.off("ready", onReady);
        reject(new Error(`${what}: not connected (${c.status})`));
      }, ms);
      c.once("ready", onReady);
    });
  };
  return {
    async ping(node, timeoutMs) {
      const reply = await withTimeout(ready(client(node), timeoutMs, `PING ${node.id}`).then((c) => c.ping()), timeoutMs, `PING ${node.id}`);
      if (reply !== "PONG") throw new Error(`PING ${node.id}: answered ${reply}`);
    },
    async flushAll(node, timeoutMs) {
      await withTimeout(ready(client(node), timeoutMs, `FLUSHALL ${node.id}`).then((c) => c.flushall()), timeoutMs, `FLUSHALL ${node.id}`);
    },
    async close() {
      for (const c of clients.values()) c.disconnect();
      clients.clear();
    },
  };
}
