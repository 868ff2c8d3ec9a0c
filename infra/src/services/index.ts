import type { ServiceConfig } from "@hivemind/config";
import { cassandraService } from "./cassandra.js";
import { kafkaService } from "./kafka.js";
import { frontTierService } from "./nginx.js";
import { postgresService } from "./postgres.js";
import { redisService } from "./redis.js";
import type { Service } from "./service.js";
import { zookeeperService } from "./zookeeper.js";

/** The stack's service table: one entry per server process, in display order. */
export function stackServices(cfg: ServiceConfig): Service[] {
  return [
    postgresService(cfg),
    ...cfg.redis.nodes.map((node) => redisService(cfg, node)),
    zookeeperService(cfg),
    kafkaService(cfg),
    cassandraService(cfg),
    frontTierService(cfg),
  ];
}

export type { Service } from "./service.js";
