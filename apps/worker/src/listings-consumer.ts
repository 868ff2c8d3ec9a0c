import type pg from "pg";
import pLimit from "p-limit";
import type { PartitionBatch } from "@hivemind/queue";
import { changesForOwner, coalesceTriggers, parseListingOwnerKey, type ListingTrigger } from "@hivemind/core";
import { loadListedThings, type ListingStoreWriter } from "@hivemind/listings/store";

export const LISTINGS_GROUP = "listings";
const LISTING_CONCURRENCY = 16;

/**
 * The listings consumer (topic listing-updates, key = listing owner, so one writer per owner's
 * listings). A batch's triggers are coalesced: each (owner, thing) once. For each owner it reads
 * the things' current rows from Postgres (ups, downs, removed, deleted, the author's ban), puts
 * each into or takes it out of every maintained listing of the owner with the value core gives,
 * and patches each listing (the store's applyChanges: only the changed members, Cassandra then
 * Redis). Listings are written LISTING_CONCURRENCY at a time: each has one writer (this
 * partition's), so their order does not matter. Idempotent: a redelivered or reordered trigger
 * recomputes from the same truth.
 */
export function createListingsConsumer(deps: { pool: pg.Pool; store: ListingStoreWriter; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    async handleBatch(batch: PartitionBatch): Promise<void> {
      const triggers: ListingTrigger[] = [];
      for (const { event } of batch.events) {
        if (event.type !== "listing.update") continue;
        for (const thing of [event.data.thing, ...(event.data.things ?? [])]) triggers.push({ owner: event.data.owner, thing });
      }
      const limit = pLimit(LISTING_CONCURRENCY);
      // Each write's failure is caught as it happens (a rejection left waiting while the next
      // owner's rows load would be unhandled), and every write settles before the batch fails,
      // so a retry never races a write of this one.
      const writes: Promise<void>[] = [];
      let failure: { error: unknown } | undefined;
      const fail = (error: unknown) => void (failure ??= { error });
      try {
        for (const [ownerKey, things] of coalesceTriggers(triggers)) {
          const at = now();
          const rows = await loadListedThings(deps.pool, things, at);
          const owner = parseListingOwnerKey(ownerKey);
          for (const [key, changes] of changesForOwner(owner, things, rows, at)) {
            writes.push(limit(() => deps.store.applyChanges(key, changes)).then(() => undefined, fail));
          }
        }
      } catch (err) {
        fail(err);
      }
      await Promise.all(writes);
      if (failure) throw failure.error;
    },
  };
}
