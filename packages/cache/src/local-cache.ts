/**
 * A process-local cache in front of the ring (reddit's app servers kept the same "localcache" in
 * front of memcached): values read in the last `ttlMs` are served from memory, without a round
 * trip or a parse. Bounded: past `max` entries the least recently read goes first. Values are
 * shared between callers and must be treated as read-only.
 *
 * A TTL of 0 disables it (every get misses, nothing is kept).
 */
export class LocalCache<K, V> {
  private readonly entries = new Map<K, { at: number; value: V }>();
  private readonly now: () => number;

  constructor(private readonly opts: { ttlMs: () => number; max: number; now?: () => number }) {
    this.now = opts.now ?? (() => performance.now());
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    if (this.now() - hit.at >= this.opts.ttlMs()) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, hit); // most recently read last
    return hit.value;
  }

  set(key: K, value: V): void {
    if (this.opts.ttlMs() <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    while (this.entries.size > this.opts.max) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
