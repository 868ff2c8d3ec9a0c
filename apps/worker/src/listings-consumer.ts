import type pg from "pg";
import type { PartitionBatch } from "@hivemind/queue";
import { changesForOwner, coalesceTriggers, parseListingOwnerKey, type ListingTrigger } from "@hivemind/core";
import { loadListedThings, type ListingStoreWriter } from "@hivemind/listings/store";

export const LISTINGS_GROUP = "listings";

/**
 * The listings consumer (topic listing-updates, key = listing owner, so one writer per owner's
 * listings). A batch's triggers are coalesced: each (owner, thing) once. For each owner it reads
 * the things' current rows from Postgres (ups, downs, removed, deleted, the author's ban), puts
 * each into or takes it out of every maintained listing of the owner with the value core gives,
 * and writes Cassandra (overwrites, deletes of what left or was pruned) then Redis (the whole
 * listing). Idempotent: a redelivered or reordered trigger recomputes from the same truth.
 */
export function createListingsConsumer(deps: { pool: pg.Pool; store: ListingStoreWriter; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    async handleBatch(batch: PartitionBatch): Promise<void> {
      const triggers: ListingTrigger[] = [];
      for (const { event } of batch.events) {
        if (event.type === "listing.update") triggers.push({ owner: event.data.owner, thing: event.data.thing });
      }
      for (const [ownerKey, things] of coalesceTriggers(triggers)) {
        const at = now();
        const rows = await loadListedThings(deps.pool, things, at);
        const owner = parseListingOwnerKey(ownerKey);
        for (const [key, changes] of changesForOwner(owner, things, rows, at)) await deps.store.applyChanges(key, changes);
      }
    },
  };
}
