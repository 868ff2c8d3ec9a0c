export { ensureStackUp, stackDown, stackStatus, stackServices, StackError, type ServiceStatus, type StackOptions } from "./stack.js";
export { applyCassandraMigrations, loadCqlMigrations, type CqlMigration } from "./cassandra-migrations.js";
export { cassandraClient } from "./cassandra-client.js";
export { ensureTopics, TOPICS, TOPIC_PARTITIONS } from "./services/kafka.js";
export type { Service } from "./services/service.js";
export { runMigrations } from "./migrations.js";
export { buildApps, startSite, stopSite, siteConfig, siteStatus, runningSites, type Site, type SiteOptions, type SiteRecord, type AppInstance, type AppStatus } from "./site.js";
export { frontTierService, frontTierConfig, FRONT_HEALTH_PATH } from "./services/nginx.js";
export { Supervisor, type ProgramSpec, type ProgramStatus, type SupervisorOptions } from "./supervisor.js";
