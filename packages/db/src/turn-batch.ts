import DataLoader from "dataloader";
import type pg from "pg";

/** Keys in one statement at most; more go in the next. */
const MAX_BATCH = 256;

const loaders = new WeakMap<pg.Pool, Map<string, DataLoader<unknown, unknown>>>();

/**
 * The statements of one kind that a process asks of `pool` in one turn of its event loop (every
 * request whose bytes arrived in that poll), as one statement: on this hardware a round trip to
 * Postgres (the socket write, waking a backend, for a write the commit) costs the process and
 * Postgres more than the statements it carries. The batch runs from setImmediate, so a lone call
 * waits for no timer and under load a batch is whatever arrived meanwhile. Nothing is cached
 * (dataloader with `cache: false`): each call is its own key, duplicates included, and `batch`
 * answers each key, in order, with its value or its own Error.
 */
export function turnBatch<K, V>(pool: pg.Pool, name: string, batch: (pool: pg.Pool, keys: readonly K[]) => Promise<(V | Error)[]>): (key: K) => Promise<V> {
  let byName = loaders.get(pool);
  if (!byName) loaders.set(pool, (byName = new Map()));
  let loader = byName.get(name) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>((keys) => batch(pool, keys), { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (run) => setImmediate(run) });
    byName.set(name, loader as DataLoader<unknown, unknown>);
  }
  const l = loader;
  return (key) => l.load(key);
}
