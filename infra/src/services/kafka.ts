import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Kafka, logLevel, type Admin } from "kafkajs";
import type { ServiceConfig } from "@hivemind/config";
import { TOPICS as CORE_TOPICS, TOPIC_PARTITIONS } from "@hivemind/core";
import { ensureJars, jarVersion } from "../artifacts.js";
import { run } from "../process.js";
import { mkdirp, pidFromFile, serviceFiles, spawnService, type Service } from "./service.js";

/** The topics the stack creates: every topic packages/core's events name (the key decides the partition, so the single writer). */
export const TOPICS = Object.values(CORE_TOPICS);
export { TOPIC_PARTITIONS };

export function kafkaAdmin(cfg: ServiceConfig): Admin {
  const kafka = new Kafka({
    clientId: "hivemind-infra",
    brokers: cfg.kafka.brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });
  return kafka.admin();
}

/** Kafka's Uuid.randomUuid().toString(): 16 random bytes, base64url, not starting with '-'. */
function clusterId(): string {
  for (;;) {
    const id = crypto.randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

/** A single combined broker+controller node in KRaft mode, from Maven Central jars. */
export function kafkaService(cfg: ServiceConfig): Service {
  const f = serviceFiles(cfg, "kafka");
  const k = cfg.kafka;
  const confFile = path.join(f.dir, "server.properties");
  const log4jFile = path.join(f.dir, "log4j.properties");
  const dataDir = path.join(f.dir, "data");
  let libDir = path.join(cfg.stateDir, "artifacts", "kafka", "lib");

  const writeConfig = () => {
    fs.writeFileSync(
      confFile,
      [
        "process.roles=broker,controller",
        "node.id=1",
        `controller.quorum.voters=1@${k.host}:${k.controllerPort}`,
        `listeners=PLAINTEXT://${k.host}:${k.port},CONTROLLER://${k.host}:${k.controllerPort}`,
        `advertised.listeners=PLAINTEXT://${k.host}:${k.port}`,
        "inter.broker.listener.name=PLAINTEXT",
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        `log.dirs=${dataDir}`,
        `num.partitions=${TOPIC_PARTITIONS}`,
        "num.network.threads=2",
        "num.io.threads=4",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=12",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "log.cleaner.dedupe.buffer.size=16777216",
        "log.retention.hours=168",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(
      log4jFile,
      [
        "log4j.rootLogger=INFO, stdout",
        "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
        "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
        "log4j.logger.kafka.request.logger=WARN",
        "log4j.logger.kafka.controller=INFO",
        "log4j.logger.state.change.logger=WARN",
        "log4j.logger.org.apache.kafka.clients=WARN",
        "",
      ].join("\n"),
    );
  };

  return {
    name: "kafka",
    port: k.port,
    url: k.brokers.join(","),
    dir: f.dir,
    logFile: f.logFile,
    debPackages: [
      { pkg: "openjdk-17-jre-headless", probe: "/usr/bin/java" },
      { pkg: "maven", probe: "/usr/bin/mvn" },
    ],
    startTimeoutMs: 90_000,
    stopSignal: "SIGTERM",
    pid: () => pidFromFile(f.pidFile, confFile),
    async start() {
      libDir = await ensureJars(cfg.stateDir, "kafka");
      mkdirp(dataDir);
      writeConfig();
      const cp = `${libDir}/*`;
      if (!fs.existsSync(path.join(dataDir, "meta.properties"))) {
        await run("java", [
          "-Xmx256m", "-XX:TieredStopAtLevel=1", `-Dlog4j.configuration=file:${log4jFile}`,
          "-cp", cp, "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", confFile, "--ignore-formatted",
        ]);
      }
      return spawnService(
        f,
        "java",
        [
          "-Xms512m", "-Xmx512m", "-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
          "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15",
          "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
          `-Dkafka.logs.dir=${f.dir}`, `-Dlog4j.configuration=file:${log4jFile}`,
          "-cp", cp, "kafka.Kafka", confFile,
        ],
      );
    },
    async probe() {
      const admin = kafkaAdmin(cfg);
      try {
        await admin.connect();
        await admin.listTopics();
        return jarVersion(libDir, "kafka_2.13-") ?? "?";
      } finally {
        await admin.disconnect();
      }
    },
    async setup() {
      await ensureTopics(cfg);
    },
  };
}

/** Create the app's topics if missing (idempotent). */
export async function ensureTopics(cfg: ServiceConfig): Promise<void> {
  const admin = kafkaAdmin(cfg);
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = TOPICS.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: TOPIC_PARTITIONS, replicationFactor: 1 })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
