import type { PoolClient } from "pg";

export interface PartitionRef {
  topic: string;
  partition: number;
}

const refKey = (r: PartitionRef) => `${r.topic}/${r.partition}`;

/**
 * The first offset not yet applied by this group on each partition (0 if none), as `topic/partition`
 * → offset. The rows are locked in one fixed order, so two transactions never wait in a cycle.
 */
export async function loadNextOffsets(client: PoolClient, group: string, refs: readonly PartitionRef[]): Promise<Map<string, bigint>> {
  const { rows } = await client.query<{ topic: string; partition: number; next_offset: string }>(
    `SELECT o.topic, o.partition, o.next_offset FROM consumer_offsets o
       JOIN unnest($2::text[], $3::int[]) AS r(topic, partition) ON o.topic = r.topic AND o.partition = r.partition
      WHERE o.group_id = $1 ORDER BY o.topic, o.partition FOR UPDATE OF o`,
    [group, refs.map((r) => r.topic), refs.map((r) => r.partition)],
  );
  const done = new Map(refs.map((r) => [refKey(r), 0n]));
  for (const r of rows) done.set(refKey(r), BigInt(r.next_offset));
  return done;
}

export function nextOffsetOf(done: Map<string, bigint>, ref: PartitionRef): bigint {
  return done.get(refKey(ref)) ?? 0n;
}

/** Stores each partition's next offset (never moving one back). */
export async function storeNextOffsets(client: PoolClient, group: string, offsets: readonly (PartitionRef & { next: bigint })[]): Promise<void> {
  await client.query(
    `INSERT INTO consumer_offsets (group_id, topic, partition, next_offset, updated_at)
     SELECT $1, o.topic, o.partition, max(o.next), now() FROM unnest($2::text[], $3::int[], $4::bigint[]) AS o(topic, partition, next)
      GROUP BY o.topic, o.partition ORDER BY o.topic, o.partition
     ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = GREATEST(consumer_offsets.next_offset, EXCLUDED.next_offset), updated_at = now()`,
    [group, offsets.map((o) => o.topic), offsets.map((o) => o.partition), offsets.map((o) => o.next.toString())],
  );
}
