import { readdirSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, migrate, migrationsDir, MIGRATIONS_TABLE, type TestDatabase } from "../src/index.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
});

afterAll(async () => {
  await db?.drop();
});

async function catalogSnapshot(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const objects = await client.query(
      `SELECT relname, relkind FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY relname`,
    );
    const migrations = await client.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`);
    return { objects: objects.rows, migrations: migrations.rows };
  } finally {
    await client.end();
  }
}

// Every migration file, in order: a fresh database gets all of them.
const allMigrations = readdirSync(migrationsDir)
  .filter((f) => f.endsWith(".sql"))
  .map((f) => f.replace(/\.sql$/, ""))
  .sort();

describe("migrate", () => {
  it("applies the migrations to an empty database, then running it again changes nothing", async () => {
    const lines: string[] = [];
    const first = await migrate({ databaseUrl: db.url, log: (l) => lines.push(l) });
    expect(first.applied).toEqual(allMigrations);
    expect(first.partitionsCreated).toEqual([]); // the migration itself covers 2024-01 .. now+3 months
    for (const name of allMigrations) expect(lines.join("\n")).toContain(name);

    const before = await catalogSnapshot(db.url);
    const second = await migrate({ databaseUrl: db.url });
    expect(second).toEqual({ applied: [], partitionsCreated: [] });
    expect(await catalogSnapshot(db.url)).toEqual(before);
  });

  it("concurrent runs on an empty database wait for each other: one applies, the others find nothing to do", async () => {
    const fresh = await createTestDatabase({ migrate: false });
    try {
      const results = await Promise.all([1, 2, 3].map(() => migrate({ databaseUrl: fresh.url })));
      expect(results.map((r) => r.applied).sort()).toEqual([[], [], allMigrations]);
      expect(results.flatMap((r) => r.partitionsCreated)).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });
});
