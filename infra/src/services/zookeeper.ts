import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import zookeeper from "node-zookeeper-client";
import type { ServiceConfig } from "@hivemind/config";
import { mkdirp, pidFromFile, serviceFiles, spawnService, type Service } from "./service.js";

// Debian's zookeeper.jar carries its runtime classpath in its manifest; slf4j-simple
// (same package as slf4j-api) gives it a log backend.
const JARS = ["/usr/share/java/zookeeper.jar", "/usr/share/java/slf4j-simple.jar"];

/** Send a ZooKeeper four-letter-word command and return the reply. */
export function fourLetterWord(host: string, port: number, word: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    const sock = net.connect({ host, port }, () => sock.write(word));
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error(`${word}: timeout`)));
    sock.on("data", (d) => (out += d.toString()));
    sock.on("error", reject);
    sock.on("close", () => (out ? resolve(out) : reject(new Error(`${word}: empty reply`))));
  });
}

/** A standalone ZooKeeper server from the Debian package, with our own zoo.cfg. */
export function zookeeperService(cfg: ServiceConfig): Service {
  const f = serviceFiles(cfg, "zookeeper");
  const zk = cfg.zookeeper;
  const confFile = path.join(f.dir, "zoo.cfg");
  return {
    name: "zookeeper",
    port: zk.port,
    url: zk.connectString,
    dir: f.dir,
    logFile: f.logFile,
    debPackages: [{ pkg: "zookeeper", probe: JARS[0]! }],
    startTimeoutMs: 45_000,
    stopSignal: "SIGTERM",
    pid: () => pidFromFile(f.pidFile, confFile),
    async start() {
      mkdirp(path.join(f.dir, "data"));
      fs.writeFileSync(
        confFile,
        [
          "tickTime=2000",
          `dataDir=${path.join(f.dir, "data")}`,
          `clientPort=${zk.port}`,
          `clientPortAddress=${zk.host}`,
          "admin.enableServer=false",
          "4lw.commands.whitelist=srvr,ruok",
          "autopurge.snapRetainCount=3",
          "autopurge.purgeInterval=1",
          "",
        ].join("\n"),
      );
      return spawnService(
        f,
        "java",
        [
          "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
          "-Dorg.slf4j.simpleLogger.showDateTime=true",
          "-Dzookeeper.jmx.log4j.disable=true",
          "-cp", JARS.join(":"),
          "org.apache.zookeeper.server.quorum.QuorumPeerMain", confFile,
        ],
      );
    },
    async probe() {
      const reply = await fourLetterWord(zk.host, zk.port, "srvr");
      const m = /Zookeeper version: ([^-,\s]+)/.exec(reply);
      if (!m || !/Mode: standalone|Mode: leader|Mode: follower/.test(reply)) throw new Error(`srvr: ${reply}`);
      return m[1]!;
    },
    async setup() {
      await zkRootChildren(zk.connectString); // the real client sees the tree
    },
  };
}

/** Children of "/" through node-zookeeper-client. */
export function zkRootChildren(connectString: string, timeoutMs = 5000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const client = zookeeper.createClient(connectString, { sessionTimeout: 10_000, retries: 0 });
    const timer = setTimeout(() => {
      client.close();
      reject(new Error("zookeeper: connect timeout"));
    }, timeoutMs);
    client.once("connected", () => {
      client.getChildren("/", (err, children) => {
        clearTimeout(timer);
        client.close();
        if (err) reject(err);
        else resolve(children);
      });
    });
    client.connect();
  });
}
