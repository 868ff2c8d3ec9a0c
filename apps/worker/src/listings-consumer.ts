import type pg from "pg";
import pLimit from "p-limit";
import type { PartitionBatch } from "@hivemind/queue";
import { changesForOwner, coalesceTriggers, parseListingOwnerKey, type ListingTrigger } from "@hivemind/core";
import { loadListedThings, type ListingStoreWriter } from "@hivemind/listings/store";
import { turnBatchedWork } from "@hivemind/db";

export const LISTINGS_GROUP = "listings";
const LISTING_CONCURRENCY = 16;

/**
 * The listings consumer (topic listing-updates, key = listing owner, so one writer per owner's
 * listings). The batches handed over in one turn (several partitions at once) are handled
 * together and their triggers coalesced: each (owner, thing) once. It reads the things' current
 * rows from Postgres in one go (ups, downs, removed, deleted, the author's ban), puts each into
 * or takes it out of every maintained listing of its owners with the value core gives, and
 * patches each listing (the store's applyChanges: only the changed members, Redis at once and
 * Cassandra through the store's write-behind, after which the offsets are committed). Listings
 * are written LISTING_CONCURRENCY at a time: each has one writer (its owner's partition), so their
 * order does not matter. Idempotent: a redelivered or reordered trigger recomputes from the same
 * truth.
 */
export function createListingsConsumer(deps: { pool: pg.Pool; store: ListingStoreWriter; now?: () => number }) {
  const now = deps.now ?? Date.now;
  async function handle(batches: readonly PartitionBatch[]): Promise<void> {
    const triggers: ListingTrigger[] = [];
    for (const batch of batches) {
      for (const { event } of batch.events) {
        if (event.type !== "listing.update") continue;
        for (const thing of [event.data.thing, ...(event.data.things ?? [])]) triggers.push({ owner: event.data.owner, thing });
      }
    }
    const byOwner = coalesceTriggers(triggers);
    if (byOwner.size === 0) return;
    const at = now();
    const rows = await loadListedThings(deps.pool, [...new Set([...byOwner.values()].flat())], at);
    const limit = pLimit(LISTING_CONCURRENCY);
    // Every write settles before the batch fails, so a retry never races a write of this one.
    const results = await Promise.allSettled(
      [...byOwner].flatMap(([ownerKey, things]) =>
        [...changesForOwner(parseListingOwnerKey(ownerKey), things, rows, at)].map(([key, changes]) => limit(() => deps.store.applyChanges(key, changes))),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }
  return { handleBatch: turnBatchedWork(handle) };
}
