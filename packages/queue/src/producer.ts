import { Partitioners, type Kafka, type Message, type Producer } from "kafkajs";
import { EVENT_ID_HEADER, EVENT_SOURCE_HEADER } from "./headers.js";

export interface EventProducer {
  connect(): Promise<void>;
  /**
   * Publishes and resolves only once every broker replica acknowledged (acks=all). `source`, the
   * publishing database's mark (loadEventSource), goes on every message for consumers to filter by.
   */
  publish(events: readonly PublishableEvent[], opts?: { source?: string | null }): Promise<void>;
  disconnect(): Promise<void>;
}

/** An event already serialised, as read from the outbox. */
export interface PublishableEvent {
  eventId: string;
  topic: string;
  key: string;
  payload: unknown;
}

/**
 * An idempotent producer: the broker drops a retried batch it already wrote, so
 * producer retries never duplicate. A duplicate can still come from a relay
 * that died between send and delete; it carries the same event id.
 */
export function createEventProducer(kafka: Kafka): EventProducer {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    async publish(events, opts = {}) {
      if (events.length === 0) return;
      const source = opts.source ? { [EVENT_SOURCE_HEADER]: opts.source } : {};
      const byTopic = new Map<string, Message[]>();
      for (const e of events) {
        const messages = byTopic.get(e.topic) ?? [];
        messages.push({ key: e.key, value: JSON.stringify(e.payload), headers: { [EVENT_ID_HEADER]: e.eventId, ...source } });
        byTopic.set(e.topic, messages);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    },
  };
}
