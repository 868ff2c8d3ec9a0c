export { ensureStackUp, stackDown, stackStatus, stackServices, StackError, type ServiceStatus, type StackOptions } from "./stack.js";
export { applyCassandraMigrations, loadCqlMigrations, type CqlMigration } from "./cassandra-migrations.js";
export { cassandraClient } from "./cassandra-client.js";
export { ensureTopics, TOPICS, TOPIC_PARTITIONS } from "./services/kafka.js";
export type { Service } from "./services/service.js";
export { runMigrations } from "./migrations.js";
