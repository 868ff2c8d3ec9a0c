import { formatListingKey, type ListingKey } from "@hivemind/core";
import type { ListingReader, ListingSnapshot } from "./skeleton.js";

/** How long a process reuses a listing it read from the store. */
export const LOCAL_SNAPSHOT_MS = 250;
const MAX_LISTINGS = 256;

/**
 * A process-local cache of whole listings for a quarter of a second (reddit's app servers kept a
 * per-process "localcache" in front of memcached for the same reason). A busy listing is read
 * from Redis and parsed (1000 scored members: about 1.4 ms here) a few times a second instead of
 * on every request; it can show an order up to LOCAL_SNAPSHOT_MS older than the store's, well
 * inside the second in which a vote's reorder must show. Bounded: the least recently read
 * listing is dropped past MAX_LISTINGS.
 */
export function withLocalSnapshots(inner: ListingReader, opts: { ttlMs?: number; max?: number; now?: () => number } = {}): ListingReader {
  const ttlMs = opts.ttlMs ?? LOCAL_SNAPSHOT_MS;
  const max = opts.max ?? MAX_LISTINGS;
  const now = opts.now ?? (() => performance.now());
  const entries = new Map<string, { at: number; snapshot: Promise<ListingSnapshot> }>();
  return {
    read(key: ListingKey): Promise<ListingSnapshot> {
      const name = formatListingKey(key);
      const hit = entries.get(name);
      const t = now();
      if (hit && t - hit.at < ttlMs) {
        entries.delete(name);
        entries.set(name, hit); // most recently read last
        return hit.snapshot;
      }
      // Concurrent readers of one listing share one store read.
      const snapshot = inner.read(key);
      entries.set(name, { at: t, snapshot });
      snapshot.catch(() => entries.delete(name));
      while (entries.size > max) entries.delete(entries.keys().next().value as string);
      return snapshot;
    },
  };
}
