import { Kafka, logLevel, type KafkaConfig } from "kafkajs";
import { config, type ServiceConfig } from "@hivemind/config";
import { log } from "./logger.js";

const toPino: Record<number, "error" | "warn" | "info" | "debug"> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

/** A kafkajs client for the configured brokers; its own logs go through ours. */
export function createKafka(clientId: string, cfg: ServiceConfig = config(), overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId,
    brokers: cfg.kafka.brokers,
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, log: entry }) => {
      const { message, ...rest } = entry;
      // Our producer bounds its retries on purpose (the relay retries a failed
      // batch itself, and consumers are idempotent), which kafkajs warns about
      // on every connect.
      if (message.startsWith("Limiting retries for the idempotent producer")) return;
      log[toPino[level] ?? "info"]({ namespace, ...rest }, message);
    },
    retry: { initialRetryTime: 200, retries: 8 },
    ...overrides,
  });
}
