import fs from "node:fs";
import path from "node:path";
import type cassandra from "cassandra-driver";
import { repoRoot, type ServiceConfig } from "@hivemind/config";
import { cassandraClient } from "./cassandra-client.js";

/**
 * Versioned CQL migrations: infra/cassandra/migrations/NNNN_name.cql, applied in
 * order, each recorded in <keyspace>.schema_migrations. `{{keyspace}}` in a file
 * is replaced by the environment's keyspace. Statements end with `;` at a line end.
 */
export const MIGRATIONS_DIR = path.join(repoRoot, "infra", "cassandra", "migrations");

export interface CqlMigration {
  version: number;
  name: string;
  statements: string[];
}

export function loadCqlMigrations(keyspace: string, dir = MIGRATIONS_DIR): CqlMigration[] {
  if (!/^[a-z][a-z0-9_]*$/.test(keyspace)) throw new Error(`bad keyspace name ${keyspace}`);
  return fs
    .readdirSync(dir)
    .filter((n) => /^\d{4}_[a-z0-9_]+\.cql$/.test(n))
    .sort()
    .map((file) => {
      const text = fs
        .readFileSync(path.join(dir, file), "utf8")
        .split("\n")
        .filter((l) => !l.trim().startsWith("--"))
        .join("\n")
        .replaceAll("{{keyspace}}", keyspace);
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -".cql".length),
        statements: text.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean),
      };
    });
}

async function appliedVersions(client: cassandra.Client, ks: string): Promise<Set<number>> {
  const t = await client.execute(
    "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ? AND table_name = 'schema_migrations'",
    [ks],
  );
  if (t.rowLength === 0) return new Set();
  const rs = await client.execute(`SELECT version FROM ${ks}.schema_migrations`);
  return new Set(rs.rows.map((r) => Number(r.get("version"))));
}

/** Apply pending migrations; returns the versions applied now. Safe to run concurrently with reads. */
export async function applyCassandraMigrations(
  cfg: ServiceConfig,
  opts: { keyspace?: string; dir?: string } = {},
): Promise<number[]> {
  const ks = opts.keyspace ?? cfg.cassandra.keyspace;
  const client = cassandraClient(cfg);
  const applied: number[] = [];
  try {
    const done = await appliedVersions(client, ks);
    for (const m of loadCqlMigrations(ks, opts.dir)) {
      if (done.has(m.version)) continue;
      for (const stmt of m.statements) await client.execute(stmt);
      await client.execute(
        `CREATE TABLE IF NOT EXISTS ${ks}.schema_migrations (version int PRIMARY KEY, name text, applied_at timestamp)`,
      );
      await client.execute(`INSERT INTO ${ks}.schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, [
        m.version, m.name, new Date(),
      ], { prepare: true });
      applied.push(m.version);
    }
  } finally {
    await client.shutdown();
  }
  return applied;
}
