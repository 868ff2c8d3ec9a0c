import type pg from "pg";
import type { PartitionBatch } from "@hivemind/queue";
import { computeCommentsFromPostgres, type CommentStoreWriter } from "@hivemind/listings/store";

export const COMMENTS_GROUP = "comments";

/**
 * The comments consumer (topic comment-updates, key = post: one writer per post's comment
 * orders). A batch's triggers are coalesced per post; each post's orders (every comment sort)
 * and tree are recomputed from Postgres with core's commentOrders and written to Cassandra
 * (overwrites) and Redis. Idempotent for the same reason as the listings consumer.
 */
export function createCommentsConsumer(deps: { pool: pg.Pool; store: CommentStoreWriter }) {
  return {
    async handleBatch(batch: PartitionBatch): Promise<void> {
      const posts = new Set<string>();
      for (const { event } of batch.events) if (event.type === "comments.update") posts.add(event.data.post);
      for (const post of posts) await deps.store.write(post, await computeCommentsFromPostgres(deps.pool, post));
    },
  };
}
