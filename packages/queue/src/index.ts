export { createKafka } from "./kafka.js";
export { EVENT_ID_HEADER, EVENT_SOURCE_HEADER } from "./headers.js";
export { createEventProducer, type EventProducer, type PublishableEvent } from "./producer.js";
export {
  createEventConsumer,
  isRepeatableFailure,
  type EventConsumer,
  type EventConsumerOptions,
  type ConsumedEvent,
  type PartitionBatch,
  type ParkedMessage,
  type StartOffsets,
} from "./consumer.js";
