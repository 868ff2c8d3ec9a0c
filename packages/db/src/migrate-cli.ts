// `npm run db:migrate`: applies prisma/migrations to config().postgres.url
// (set PG_PORT / DATABASE_URL to aim elsewhere) and extends posts partitions.
import { config } from "@hivemind/config";
import { migrate } from "./migrate.js";

const url = new URL(config().postgres.url);
console.log(`db: migrating ${url.hostname}:${url.port}${url.pathname}`);
try {
  const result = await migrate({ log: (line) => console.log(`db: ${line}`) });
  console.log(
    result.applied.length === 0
      ? "db: schema up to date"
      : `db: applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`,
  );
  console.log(`db: ${result.partitionsCreated.length} posts partition(s) created`);
} catch (err) {
  console.error(`db: migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
