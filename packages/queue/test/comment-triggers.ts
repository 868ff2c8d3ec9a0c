import { randomUUID } from "node:crypto";
import { createEvent, formatFullname, keyForEvent, topicForEvent } from "@hivemind/core";
import type { EventProducer } from "../src/index.js";

/**
 * Publishes comment-order triggers for comments runId+from … runId+to-1, spread over `posts`
 * posts (so over partitions); answers the comments' fullnames in publishing order.
 */
export async function publishCommentTriggers(producer: EventProducer, runId: bigint, from: number, to: number, posts: number): Promise<string[]> {
  const events = [];
  for (let i = from; i < to; i++) {
    const event = createEvent("comments.update", { post: formatFullname("t3", runId + BigInt(i % posts)), thing: formatFullname("t1", runId + BigInt(i)) }, { id: randomUUID(), at: Date.now() });
    events.push({ eventId: event.id, topic: topicForEvent(event.type), key: keyForEvent(event), payload: event });
  }
  await producer.publish(events);
  return events.map((e) => (e.payload.type === "comments.update" ? e.payload.data.thing : ""));
}
