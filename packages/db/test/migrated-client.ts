import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/index.js";

/**
 * A fresh migrated database for this test file with a pg client on it,
 * dropped after the file. Read `.client` / `.db` inside tests (set in beforeAll).
 */
export function useMigratedDatabase(): { db: TestDatabase; client: pg.Client } {
  const handle = {} as { db: TestDatabase; client: pg.Client };
  beforeAll(async () => {
    handle.db = await createTestDatabase();
    handle.client = new pg.Client({ connectionString: handle.db.url });
    await handle.client.connect();
  });
  afterAll(async () => {
    await handle.client?.end();
    await handle.db?.drop();
  });
  return handle;
}
