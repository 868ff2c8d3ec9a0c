import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeDatabase, describePrismaSchema, schemaDifferences, schemaPath, SQL_ONLY_INDEXES } from "./schema-catalog.js";
import { useMigratedDatabase } from "./migrated-client.js";

const testDb = useMigratedDatabase();

describe("schema.prisma and the migrated database", () => {
  it("agree on tables, columns, types, nullability, defaults, keys, unique constraints, indexes and foreign keys", async () => {
    const prisma = describePrismaSchema();
    const database = await describeDatabase(testDb.client);
    expect(prisma.tables).toEqual([
      "bans", "comments", "communities", "consumer_offsets", "event_origin", "event_source", "hidden", "inbox_items", "messages", "mod_actions", "moderators", "oauth_clients",
      "outbox", "parked_messages", "posts", "reports", "saved", "sessions", "subscriptions", "user_blocks", "users", "votes",
    ]);
    expect(schemaDifferences(prisma, database)).toEqual([]);
    // The only indexes Prisma cannot describe are the documented partial ones.
    expect(database.partialIndexes).toEqual([...SQL_ONLY_INDEXES].sort());
  });

  it("a column added to the database only is reported", async () => {
    await testDb.client.query("ALTER TABLE users ADD COLUMN shadow_karma integer");
    try {
      const diff = schemaDifferences(describePrismaSchema(), await describeDatabase(testDb.client));
      expect(diff).toEqual(["columns: only in the database: users.shadow_karma integer NULL default=none"]);
    } finally {
      await testDb.client.query("ALTER TABLE users DROP COLUMN shadow_karma");
    }
  });

  it("a field added to schema.prisma only is reported", async () => {
    const source = readFileSync(schemaPath, "utf8");
    const edited = source.replace(/(model Post \{\n)/, "$1  flair String @default(\"\")\n");
    expect(edited).not.toBe(source);
    const diff = schemaDifferences(describePrismaSchema(edited), await describeDatabase(testDb.client));
    expect(diff).toEqual(['columns: only in schema.prisma: posts.flair text NOT NULL default=""']);
  });

  it("a changed type, nullability or key is reported", async () => {
    const source = readFileSync(schemaPath, "utf8");
    const edited = source
      .replace("  countedDir Int      @default(0) @map(\"counted_dir\") @db.SmallInt", "  countedDir Int      @default(0) @map(\"counted_dir\")")
      .replace("  url            String?", "  url            String")
      .replace("  nameLower         String   @unique @map(\"name_lower\")", "  nameLower         String   @map(\"name_lower\")");
    const diff = schemaDifferences(describePrismaSchema(edited), await describeDatabase(testDb.client));
    expect(diff).toEqual(
      expect.arrayContaining([
        "columns: only in schema.prisma: votes.counted_dir integer NOT NULL default=0",
        "columns: only in schema.prisma: posts.url text NOT NULL default=none",
        "indexes: only in the database: users unique (name_lower)",
      ]),
    );
  });
});
