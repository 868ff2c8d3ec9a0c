import { randomUUID } from "node:crypto";
import { createEvent, topicForEvent, keyForEvent, type EventDataInput, type EventType, type HivemindEvent } from "@hivemind/core";
import type { Prisma } from "../generated/prisma/client.js";

/**
 * Adds events to the transactional outbox inside the caller's transaction:
 * they commit or roll back with the rows they announce. No NOTIFY: Postgres
 * serialises every committing transaction that sent one behind a global lock,
 * which caps write throughput; the relay polls instead (see relay.ts).
 */
export async function enqueueEvents(tx: Prisma.TransactionClient, events: readonly HivemindEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.outbox.createMany({
    data: events.map((e) => ({
      eventId: e.id,
      topic: topicForEvent(e.type),
      key: keyForEvent(e),
      payload: e as unknown as Prisma.InputJsonValue,
    })),
  });
}

/** Builds a versioned event with a fresh id, stamped now. */
export function newEvent<T extends EventType>(type: T, data: EventDataInput<T>, now: number = Date.now()): HivemindEvent {
  return createEvent(type, data, { id: randomUUID(), at: now });
}
