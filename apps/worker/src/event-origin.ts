import type { Pool } from "pg";
import type { Kafka } from "kafkajs";
import { withTransaction } from "@hivemind/db";
import type { StartOffsets } from "@hivemind/queue";
import { workerLog as log } from "./logger.js";

interface OriginRow {
  offsets: StartOffsets | null;
  kafka_cluster_id: string | null;
}

/**
 * Records where this database's events begin on the Kafka cluster in use: each topic partition's
 * end offset now. Runs before the relay's first publish, so every event the database publishes
 * lies at or after it; event_origin holds one row.
 * - No row: a new database. Recorded.
 * - The row names this cluster: nothing to do.
 * - The row names no cluster (the migration's mark on a database older than the record): the
 *   origin stays unknown (its groups read from the beginning), the cluster is noted.
 * - The row names another cluster (the broker's data was wiped): recorded anew, and the tally's
 *   stored offsets are dropped with it, since they count positions in logs that are gone (the
 *   tally would skip the new logs' first events as already applied).
 * Resolves true in that last case: events published and not yet consumed may be gone with the
 * old logs, so the caller recounts from Postgres.
 */
export async function recordEventOrigin(pool: Pool, kafka: Kafka, topics: readonly string[]): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { clusterId } = await admin.describeCluster();
    const row = await originRow(pool);
    if (row?.kafka_cluster_id === clusterId) return false;
    if (row && row.kafka_cluster_id === null) {
      await pool.query("UPDATE event_origin SET kafka_cluster_id = $1", [clusterId]);
      return false;
    }
    const offsets: StartOffsets = {};
    for (const topic of topics) offsets[topic] = Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((p) => [String(p.partition), p.high]));
    return await withTransaction(pool, async (client) => {
      // Locked and read again; a new row's conflict keeps the first: of two workers starting at once, one records.
      const { rows } = await client.query<OriginRow>("SELECT offsets, kafka_cluster_id FROM event_origin FOR UPDATE");
      const current = rows[0];
      if (current?.kafka_cluster_id === clusterId) return false;
      if (current) {
        log.warn({ was: current.kafka_cluster_id, now: clusterId }, "the Kafka cluster changed: event origin recorded anew, stored consumer offsets dropped");
        await client.query("DELETE FROM consumer_offsets");
      }
      await client.query(
        `INSERT INTO event_origin (offsets, kafka_cluster_id) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET offsets = EXCLUDED.offsets, kafka_cluster_id = EXCLUDED.kafka_cluster_id, recorded_at = now()
         WHERE event_origin.kafka_cluster_id IS DISTINCT FROM EXCLUDED.kafka_cluster_id`,
        [offsets, clusterId],
      );
      return current !== undefined;
    });
  } finally {
    await admin.disconnect();
  }
}

/** The database's event origin on this Kafka cluster, or null when unknown (not recorded, recorded on another cluster, or older than the record). */
export async function loadEventOrigin(pool: Pool, kafka: Kafka): Promise<StartOffsets | null> {
  const row = await originRow(pool);
  if (!row?.offsets) return null;
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.describeCluster()).clusterId === row.kafka_cluster_id ? row.offsets : null;
  } finally {
    await admin.disconnect();
  }
}

async function originRow(pool: Pool): Promise<OriginRow | undefined> {
  const { rows } = await pool.query<OriginRow>("SELECT offsets, kafka_cluster_id FROM event_origin");
  return rows[0];
}
