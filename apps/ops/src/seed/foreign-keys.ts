import type pg from "pg";

/** Tables whose per-row foreign-key checks dominate the load (comments check posts, a partitioned table). */
export const BULK_CHECKED_TABLES = ["posts", "comments"] as const;

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Drops the foreign keys of `tables` for a bulk load; restoreForeignKeys adds
 * them back exactly as they were (pg_get_constraintdef). Adding a foreign key
 * validates every existing row in one set-based pass, much faster than a
 * trigger lookup per COPY row, and still refuses any dangling reference.
 * Both must run inside one transaction: if loading or validation fails, the
 * rollback restores the constraints. (pg_restore's --disable-triggers does the
 * same job but needs a superuser; this needs only table ownership.)
 */
export async function dropForeignKeys(client: pg.PoolClient, tables: readonly string[]): Promise<ForeignKey[]> {
  const { rows: keys } = await client.query<ForeignKey>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE contype = 'f' AND conparentid = 0 AND conrelid = ANY($1::regclass[])
      ORDER BY conrelid::regclass::text, conname`,
    [tables],
  );
  for (const key of keys) await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${quoteIdent(key.name)}`);
  return keys;
}

/** Adds back what dropForeignKeys dropped, validating every row. */
export async function restoreForeignKeys(client: pg.PoolClient, keys: readonly ForeignKey[]): Promise<void> {
  for (const key of keys) await client.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`);
}
