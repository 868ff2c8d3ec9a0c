import DataLoader from "dataloader";
import type pg from "pg";

/** Keys in one statement at most; more go in the next. */
const MAX_BATCH = 256;

const loaders = new WeakMap<pg.Pool, Map<string, (key: unknown) => Promise<unknown>>>();

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
  let load = byName.get(name) as ((key: K) => Promise<V>) | undefined;
  if (!load) byName.set(name, (load = turnBatcher((keys: readonly K[]) => batch(pool, keys))) as (key: unknown) => Promise<unknown>);
  return load;
}

/** turnBatch's batching for a caller that keeps the function itself (one per instance). */
export function turnBatcher<K, V>(batch: (keys: readonly K[]) => Promise<(V | Error)[]>): (key: K) => Promise<V> {
  const loader = new DataLoader<K, V>(batch, { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (run) => setImmediate(run) });
  return (key) => loader.load(key);
}

/**
 * turnBatcher for work done for the whole batch at once. When the batch fails, each key is done
 * again alone, one after another, so one key's failure (a message the code cannot take) is not
 * every key's; under an outage each then fails on its own.
 */
export function turnBatchedWork<K>(work: (keys: readonly K[]) => Promise<void>): (key: K) => Promise<void> {
  const outcome = (keys: readonly K[]) =>
    work(keys).then(
      () => undefined,
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    );
  return turnBatcher(async (keys: readonly K[]): Promise<(undefined | Error)[]> => {
    const together = await outcome(keys);
    if (together === undefined || keys.length === 1) return keys.map(() => together);
    const alone: (undefined | Error)[] = [];
    for (const key of keys) alone.push(await outcome([key]));
    return alone;
  });
}
