import { config } from "@hivemind/config";
import { createTestDatabase } from "@hivemind/db";
import { siteConfig, startSite } from "@hivemind/infra";

/**
 * Starts the site the way `npm start` does (startSite: the front tier, the API instances, the
 * page instance and the worker) on this run's own port set and a fresh, migrated database, so
 * the browser tests drive the shipped processes through the public port and never touch the
 * development data. Needs the web build (npm test runs it).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  const port = Number(process.env.E2E_PORT);
  const cfg = await siteConfig(config(), { databaseUrl: database.url, port });
  const site = await startSite(cfg, { id: "e2e", log: (l) => console.log(l) }).catch(async (err: unknown) => {
    await database.drop();
    throw err;
  });
  process.env.E2E_DATABASE_URL = database.url;
  return async () => {
    await site.stop();
    await database.drop();
  };
}
