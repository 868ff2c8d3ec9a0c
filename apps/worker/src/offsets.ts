import type { PoolClient } from "pg";

/** The first offset not yet applied by this group on this partition (0 if none). */
export async function loadNextOffset(client: PoolClient, group: string, topic: string, partition: number): Promise<bigint> {
  const { rows } = await client.query<{ next_offset: string }>(
    "SELECT next_offset FROM consumer_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE",
    [group, topic, partition],
  );
  return rows[0] ? BigInt(rows[0].next_offset) : 0n;
}

export async function storeNextOffset(client: PoolClient, group: string, topic: string, partition: number, next: bigint): Promise<void> {
  await client.query(
    `INSERT INTO consumer_offsets (group_id, topic, partition, next_offset, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = GREATEST(consumer_offsets.next_offset, EXCLUDED.next_offset), updated_at = now()`,
    [group, topic, partition, next.toString()],
  );
}
