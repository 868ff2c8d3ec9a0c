import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { config } from "@hivemind/config";
import { cassandraClient } from "../src/cassandra-client.js";
import { isAlive, processesUnder } from "../src/process.js";
import { kafkaAdmin, TOPIC_PARTITIONS, TOPICS } from "../src/services/kafka.js";
import { ensureStackUp, stackDown, stackStatus } from "../src/stack.js";

const cfg = config();
const SCRATCH_TOPIC = "infra-restart-probe";

describe("the local stack", () => {
  beforeAll(async () => {
    await ensureStackUp({ cfg, quiet: true });
  }, 180_000);

  it("reports all eight services up, each with a pid, version and url", async () => {
    const rows = await stackStatus({ cfg });
    expect(rows.map((r) => r.name)).toEqual(["postgres", "redis-0", "redis-1", "redis-2", "zookeeper", "kafka", "cassandra", "nginx"]);
    for (const r of rows) {
      expect(r, r.name).toMatchObject({ state: "up" });
      expect(r.version, r.name).toBeTruthy();
    }
  });

  it("has the Kafka topics, 12 partitions each", async () => {
    const admin = kafkaAdmin(cfg);
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...TOPICS] });
      expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
        TOPICS.map((t) => [t, TOPIC_PARTITIONS]).sort(),
      );
    } finally {
      await admin.disconnect();
    }
  });

  it("has the Cassandra keyspace, its tables and the recorded migrations", async () => {
    const client = cassandraClient(cfg);
    try {
      const ks = cfg.cassandra.keyspace;
      const tables = await client.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?", [ks]);
      expect(tables.rows.map((r) => String(r.get("table_name")))).toEqual(
        expect.arrayContaining(["listings", "comment_orders", "comment_trees", "schema_migrations"]),
      );
      const applied = await client.execute(`SELECT version FROM ${ks}.schema_migrations`);
      expect(applied.rows.map((r) => Number(r.get("version")))).toContain(1);
    } finally {
      await client.shutdown();
    }
  });

  describe("a restart", () => {
    const marker = randomUUID();
    const listing = `infra-test:${marker}`;
    const kafka = new Kafka({ clientId: "infra-test", brokers: cfg.kafka.brokers, logLevel: logLevel.NOTHING });

    afterAll(async () => {
      await ensureStackUp({ cfg, quiet: true }); // whatever happened, leave the stack running
      const db = new pg.Client({ connectionString: cfg.postgres.url });
      await db.connect();
      await db.query("DELETE FROM infra_restart_probe WHERE marker = $1", [marker]).finally(() => db.end());
      const c = cassandraClient(cfg, cfg.cassandra.keyspace);
      await c.execute("DELETE FROM listings WHERE listing = ?", [listing]).finally(() => c.shutdown());
    }, 180_000);

    it("keeps a Postgres row, a Cassandra row and a Kafka message, and leaves no process behind", async () => {
      // Write one of each.
      const db = new pg.Client({ connectionString: cfg.postgres.url });
      await db.connect();
      await db.query("CREATE TABLE IF NOT EXISTS infra_restart_probe (marker text PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())");
      await db.query("INSERT INTO infra_restart_probe (marker) VALUES ($1)", [marker]);
      await db.end();

      const c = cassandraClient(cfg, cfg.cassandra.keyspace);
      await c.execute("INSERT INTO listings (listing, thing, sort, ts) VALUES (?, ?, ?, ?)", [listing, "t3_probe", 1.5, Date.now()], { prepare: true });
      await c.shutdown();

      const admin = kafkaAdmin(cfg);
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: SCRATCH_TOPIC, numPartitions: 1 }], waitForLeaders: true });
      await admin.disconnect();
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: SCRATCH_TOPIC, acks: -1, messages: [{ key: "probe", value: marker }] });
      await producer.disconnect();

      // Stop everything: every pid is gone, and nothing runs from the state dir.
      const before = await stackStatus({ cfg });
      await stackDown({ cfg, quiet: true });
      for (const r of before) if (r.pid !== null) expect(isAlive(r.pid), `${r.name} pid ${r.pid}`).toBe(false);
      expect(processesUnder(cfg.stateDir)).toEqual([]);
      expect((await stackStatus({ cfg })).filter((r) => r.state === "up")).toEqual([]);

      await ensureStackUp({ cfg, quiet: true });

      // Read all three back.
      const db2 = new pg.Client({ connectionString: cfg.postgres.url });
      await db2.connect();
      const pgRows = await db2.query("SELECT marker FROM infra_restart_probe WHERE marker = $1", [marker]);
      await db2.end();
      expect(pgRows.rowCount).toBe(1);

      const c2 = cassandraClient(cfg, cfg.cassandra.keyspace);
      const cRows = await c2.execute("SELECT thing, sort FROM listings WHERE listing = ?", [listing], { prepare: true });
      await c2.shutdown();
      expect(cRows.rows.map((r) => [r.get("thing"), r.get("sort")])).toEqual([["t3_probe", 1.5]]);

      const consumer = kafka.consumer({ groupId: `infra-test-${marker}` });
      await consumer.connect();
      await consumer.subscribe({ topic: SCRATCH_TOPIC, fromBeginning: true });
      const seen = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 30_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            if (message.value?.toString() === marker) {
              clearTimeout(timer);
              resolve(true);
            }
          },
        });
      });
      await consumer.disconnect();
      expect(seen).toBe(true);
    }, 240_000);
  });
});
