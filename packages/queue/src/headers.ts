/** Kafka message headers every published event carries. */
export const EVENT_ID_HEADER = "event-id";
/** The publishing database's mark (table event_source): a shared broker carries several databases' events. */
export const EVENT_SOURCE_HEADER = "event-source";
