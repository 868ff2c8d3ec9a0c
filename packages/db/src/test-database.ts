import { randomBytes } from "node:crypto";
import pg from "pg";
import { config } from "@hivemind/config";
import { migrate } from "./migrate.js";

export interface TestDatabase {
  /** Database name, test_<hex>. */
  name: string;
  /** Connection URL of the new database. */
  url: string;
  /** Drops the database (terminating its connections). */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** A URL on the server to use (default config().postgres.url); its database is only used to run CREATE DATABASE. */
  baseUrl?: string;
  /** Apply the migrations (default true). */
  migrate?: boolean;
}

/**
 * A fresh, migrated database for one integration test file, so files never
 * see each other's rows. Needs the CREATEDB privilege. Call drop() in afterAll.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const baseUrl = options.baseUrl ?? config().postgres.url;
  const name = `test_${randomBytes(6).toString("hex")}`;
  await withAdmin(baseUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const db: TestDatabase = {
    name,
    url: url.toString(),
    drop: () => withAdmin(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
  if (options.migrate ?? true) {
    try {
      await migrate({ databaseUrl: db.url });
    } catch (err) {
      await db.drop();
      throw err;
    }
  }
  return db;
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the server of `baseUrl`. */
export function databaseUrlFor(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A named database (a benchmark's own), created when missing, or dropped and created again with
 * `fresh`, then migrated. Returns its URL.
 */
export async function ensureNamedDatabase(name: string, options: { fresh?: boolean; baseUrl?: string; log?: (line: string) => void } = {}): Promise<string> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a database name: ${name}`);
  const baseUrl = options.baseUrl ?? config().postgres.url;
  await withAdmin(baseUrl, async (c) => {
    if (options.fresh) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      options.log?.(`creating database ${name}`);
      await c.query(`CREATE DATABASE ${name}`);
    }
  });
  const url = databaseUrlFor(baseUrl, name);
  await migrate({ databaseUrl: url });
  return url;
}
