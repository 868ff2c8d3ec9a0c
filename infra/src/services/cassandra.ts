import fs from "node:fs";
import path from "node:path";
import type { ServiceConfig } from "@hivemind/config";
import { ensureJars } from "../artifacts.js";
import { cassandraClient } from "../cassandra-client.js";
import { applyCassandraMigrations } from "../cassandra-migrations.js";
import { portOpen } from "../process.js";
import { CASSANDRA_JVM17_FLAGS, CASSANDRA_LOGBACK, cassandraYaml } from "./cassandra-config.js";
import { mkdirp, pidFromFile, serviceFiles, spawnService, type Service } from "./service.js";

/** One Cassandra 5.0 node (CassandraDaemon in foreground mode) from Maven Central jars. */
export function cassandraService(cfg: ServiceConfig): Service {
  const f = serviceFiles(cfg, "cassandra");
  const c = cfg.cassandra;
  const yamlFile = path.join(f.dir, "cassandra.yaml");
  const logbackFile = path.join(f.dir, "logback.xml");
  return {
    name: "cassandra",
    port: c.port,
    url: c.contactPoint,
    dir: f.dir,
    logFile: f.logFile,
    debPackages: [
      { pkg: "openjdk-17-jre-headless", probe: "/usr/bin/java" },
      { pkg: "maven", probe: "/usr/bin/mvn" },
    ],
    startTimeoutMs: 150_000,
    stopSignal: "SIGTERM",
    pid: () => pidFromFile(f.pidFile, yamlFile),
    async start() {
      const libDir = await ensureJars(cfg.stateDir, "cassandra");
      const tmpDir = path.join(f.dir, "tmp");
      mkdirp(path.join(f.dir, "data"));
      mkdirp(tmpDir);
      mkdirp(path.join(f.dir, "triggers"));
      fs.writeFileSync(yamlFile, cassandraYaml(cfg));
      fs.writeFileSync(logbackFile, CASSANDRA_LOGBACK);
      const jamm = fs.readdirSync(libDir).find((n) => /^jamm-.*\.jar$/.test(n));
      return spawnService(
        f,
        "java",
        [
          "-Xms768m", "-Xmx768m",
          ...CASSANDRA_JVM17_FLAGS,
          ...(jamm ? [`-javaagent:${path.join(libDir, jamm)}`] : []),
          `-Djava.io.tmpdir=${tmpDir}`, `-Djna.tmpdir=${tmpDir}`,
          `-Dcassandra.config=file://${yamlFile}`,
          `-Dlogback.configurationFile=${logbackFile}`,
          `-Dcassandra.logdir=${f.dir}`,
          `-Dcassandra.storagedir=${path.join(f.dir, "data")}`,
          `-Dcassandra.triggers_dir=${path.join(f.dir, "triggers")}`,
          "-Dcassandra-foreground=yes",
          "-Dcassandra.skip_wait_for_gossip_to_settle=0",
          "-Dcassandra.initial_token=0",
          "-Dcassandra.libjemalloc=-",
          "-cp", `${libDir}/*`,
          "org.apache.cassandra.service.CassandraDaemon",
        ],
      );
    },
    async probe() {
      // The driver's connect is slow to fail; a closed port answers at once.
      if (!(await portOpen(c.port, c.host))) throw new Error(`port ${c.port} closed`);
      const client = cassandraClient(cfg);
      try {
        const rs = await client.execute("SELECT release_version FROM system.local");
        return String(rs.first()?.get("release_version") ?? "?");
      } finally {
        await client.shutdown();
      }
    },
    async setup() {
      await applyCassandraMigrations(cfg);
    },
  };
}
