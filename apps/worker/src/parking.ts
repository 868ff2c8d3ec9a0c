import type { Pool } from "pg";
import type { ParkedMessage } from "@hivemind/queue";

/** Stores a refused message for ops; parking the same offset twice keeps one row. */
export function parkInPostgres(pool: Pool) {
  return async (m: ParkedMessage): Promise<void> => {
    await pool.query(
      `INSERT INTO parked_messages (group_id, topic, partition, msg_offset, key, value, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [m.groupId, m.topic, m.partition, m.offset, m.key, m.value, m.error],
    );
  };
}
