import fs from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import type { ServiceConfig } from "@hivemind/config";
import { mkdirp, pidFromFile, serviceFiles, spawnService, type Service } from "./service.js";

const REDIS_SERVER = "/usr/bin/redis-server";

/** One independent Redis node of the cache ring (not a cluster: the ring is client-side). */
export function redisService(cfg: ServiceConfig, node: ServiceConfig["redis"]["nodes"][number]): Service {
  const f = serviceFiles(cfg, node.id);
  const confFile = path.join(f.dir, "redis.conf");
  return {
    name: node.id,
    port: node.port,
    url: node.url,
    dir: f.dir,
    logFile: f.logFile,
    debPackages: [{ pkg: "redis-server", probe: REDIS_SERVER }],
    startTimeoutMs: 20_000,
    stopSignal: "SIGTERM",
    pid: () => pidFromFile(f.pidFile, f.dir),
    async start() {
      mkdirp(path.join(f.dir, "data"));
      fs.writeFileSync(
        confFile,
        [
          `bind ${node.host}`,
          `port ${node.port}`,
          "protected-mode yes",
          "daemonize no",
          `pidfile ${f.pidFile}`,
          `dir ${path.join(f.dir, "data")}`,
          "appendonly yes",
          "appendfsync everysec",
          "save \"\"",
          // It is a cache: bounded, evicting least-recently-used keys.
          "maxmemory 256mb",
          "maxmemory-policy allkeys-lru",
          "loglevel notice",
          "",
        ].join("\n"),
      );
      // redis writes the pid file itself; ours is written first so a slow start is still tracked.
      return spawnService(f, REDIS_SERVER, [confFile]);
    },
    async probe() {
      const client = new Redis({
        host: node.host,
        port: node.port,
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
        connectTimeout: 1000,
      });
      client.on("error", () => undefined);
      try {
        await client.connect();
        const pong = await client.ping();
        if (pong !== "PONG") throw new Error(`PING answered ${pong}`);
        const info = await client.info("server");
        return /redis_version:(\S+)/.exec(info)?.[1] ?? "?";
      } finally {
        client.disconnect();
      }
    },
  };
}
