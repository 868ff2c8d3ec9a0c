export { createDb, destroyDb, createPool, hotQuery, poolOf, type Db, type CreateDbOptions, type CreatePoolOptions } from "./client.js";
export { migrate, migrationsDir, MIGRATIONS_TABLE, type MigrateOptions, type MigrateResult } from "./migrate.js";
export {
  ensurePostPartitions,
  listPostPartitions,
  postPartitionFor,
  postPartitionForId,
  type EnsurePostPartitionsOptions,
  type PostPartition,
  type Queryable,
} from "./partitions.js";
export { leaseWorkerId, type WorkerIdLease, type LeaseOptions } from "./worker-id.js";
export { createLeasedIdSource, type IdSource } from "./id-source.js";
export { enqueueEvents, newEvent } from "./outbox.js";
export { loadEventSource } from "./event-source.js";
export { withTransaction } from "./transaction.js";
export { inTransaction } from "./prisma-transaction.js";
export { createDeps, type Deps, type CreateDepsOptions } from "./deps.js";
export { writeVote, type VoteWrite, type VoteDirection } from "./vote-writer.js";
export { turnBatch, turnBatcher, turnBatchedWork } from "./turn-batch.js";
export { loadVoteTarget, type VoteTarget } from "./vote-target.js";
export { findSessionWithMail, findSessionWithUser, type SessionWithMail, type SessionWithUser } from "./session-lookup.js";
export { findViewerFacts, type ViewerFactRow } from "./viewer-facts.js";
export { findRecentPostsBy } from "./recent-posts.js";
export { createTestDatabase, ensureNamedDatabase, databaseUrlFor, type TestDatabase, type CreateTestDatabaseOptions } from "./test-database.js";
// The generated client: model types (User, Post, …), the Prisma namespace
// (Prisma.PostWhereInput, Prisma.TransactionClient, errors) and the class.
export * from "../generated/prisma/client.js";
