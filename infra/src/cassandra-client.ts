import cassandra from "cassandra-driver";
import type { ServiceConfig } from "@hivemind/config";

/** A driver client for the stack's Cassandra node (optionally bound to a keyspace). */
export function cassandraClient(cfg: ServiceConfig, keyspace?: string): cassandra.Client {
  return new cassandra.Client({
    contactPoints: [cfg.cassandra.contactPoint],
    localDataCenter: cfg.cassandra.localDataCenter,
    ...(keyspace ? { keyspace } : {}),
    socketOptions: { connectTimeout: 2000, readTimeout: 20_000 },
  });
}
