import type { ServiceConfig } from "@hivemind/config";

/**
 * The prefix of every Redis key and Cassandra listing name a site's database owns: none for the
 * configured database, `<database>:` for any other (a test's, a benchmark's), so sites on other
 * databases sharing the stack's Redis and Cassandra never see each other's listings. The API,
 * the pages and the worker all derive it here, from the database they are connected to.
 */
export function listingNamespace(database: string, cfg: Pick<ServiceConfig, "postgres">): string {
  return database === cfg.postgres.database ? "" : `${database}:`;
}
