import { monthPartitionBounds, monthPartitionName } from "@hivemind/core";
import { describe, expect, it } from "vitest";
import { ensurePostPartitions, listPostPartitions, postPartitionFor } from "../src/index.js";
import { useMigratedDatabase } from "./migrated-client.js";

const database = useMigratedDatabase();

/** Each UTC month start from `from` to `to` inclusive. */
function months(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let y = from.getUTCFullYear(), m = from.getUTCMonth(); Date.UTC(y, m, 1) <= to.getTime(); m++) out.push(new Date(Date.UTC(y, m, 1)));
  return out;
}

function addMonths(at: Date, n: number): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + n, 1));
}

describe("partitioning in the Postgres catalog", () => {
  it("posts is partitioned by range on id, comments by hash on post_id, votes by hash on thing_id", async () => {
    const { rows } = await database.client.query<{ table: string; strategy: string; key: string; has_default: boolean }>(
      `SELECT c.relname AS table, p.partstrat AS strategy, a.attname AS key, p.partdefid <> 0 AS has_default
         FROM pg_partitioned_table p
         JOIN pg_class c ON c.oid = p.partrelid
         JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
        WHERE p.partnatts = 1
        ORDER BY 1`,
    );
    expect(rows).toEqual([
      { table: "comments", strategy: "h", key: "post_id", has_default: false },
      { table: "posts", strategy: "r", key: "id", has_default: false },
      { table: "votes", strategy: "h", key: "thing_id", has_default: false },
    ]);
  });

  it.each(["comments", "votes"])("%s has 16 hash partitions, one per remainder", async (table) => {
    const { rows } = await database.client.query<{ name: string; bound: string }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = $1::regclass ORDER BY c.relname`,
      [table],
    );
    expect(rows).toEqual(
      Array.from({ length: 16 }, (_, i) => ({
        name: `${table}_p${String(i).padStart(2, "0")}`,
        bound: `FOR VALUES WITH (modulus 16, remainder ${i})`,
      })),
    );
  });

  it("posts has one partition per month from the id epoch (2024-01) to three months ahead, with month-exact id bounds", async () => {
    const now = new Date();
    const expected = months(new Date(Date.UTC(2024, 0, 1)), addMonths(now, 3)).map(postPartitionFor);
    const actual = await listPostPartitions(database.client);
    expect(actual).toEqual(expected);
    // Contiguous: each month ends where the next begins.
    for (let i = 1; i < actual.length; i++) expect(actual[i]!.from).toBe(actual[i - 1]!.to);
    expect(actual[0]).toEqual({ name: "posts_y2024m01", from: 0n, to: BigInt(31 * 86_400_000) << 22n });
  });

  it("partition names and bounds agree with packages/core's id layout", async () => {
    for (const p of await listPostPartitions(database.client)) {
      const [, y, m] = /^posts_y(\d{4})m(\d{2})$/.exec(p.name) ?? [];
      expect(monthPartitionName("posts", Number(y), Number(m))).toBe(p.name);
      expect(monthPartitionBounds(Number(y), Number(m))).toEqual({ from: p.from, to: p.to });
    }
  });

  it("every posts partition carries the parent's indexes", async () => {
    const { rows } = await database.client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_inherits i
        WHERE i.inhparent = 'posts_community_id_id_idx'::regclass`,
    );
    const partitions = await listPostPartitions(database.client);
    expect(Number(rows[0]!.n)).toBe(partitions.length);
  });

  it("ensurePostPartitions extends the horizon as time passes, leaves no hole, and is idempotent", async () => {
    const now = new Date();
    expect(await ensurePostPartitions(database.client, { now, monthsAhead: 3 })).toEqual([]);
    // The scheduler was down for five months: the migration covered up to now+3.
    const later = addMonths(now, 5);
    const created = await ensurePostPartitions(database.client, { now: later, monthsAhead: 3 });
    expect(created).toEqual(months(addMonths(now, 4), addMonths(later, 3)).map((m) => postPartitionFor(m).name));
    expect(await ensurePostPartitions(database.client, { now: later, monthsAhead: 3 })).toEqual([]);
    const all = await listPostPartitions(database.client);
    expect(all).toEqual(months(new Date(Date.UTC(2024, 0, 1)), addMonths(later, 3)).map(postPartitionFor));
  });

  it("a post id in a month with no partition is refused loudly", async () => {
    const farFuture = BigInt(Date.UTC(2040, 0, 15) - Date.UTC(2024, 0, 1)) << 22n;
    await expect(
      database.client.query(`INSERT INTO posts (id, community_id, author_id, title, kind) VALUES ($1, 1, 1, 't', 'self')`, [farFuture.toString()]),
    ).rejects.toThrow(/no partition of relation "posts" found for row/);
  });
});
