import type cassandra from "cassandra-driver";
import type pg from "pg";
import type { CacheRing } from "@hivemind/cache";
import { COMMENT_SORTS, createdMsOf, rankEntries, type CommentSort, type CommentTreeNode, type ListingEntry } from "@hivemind/core";
import { CassandraListings } from "./cassandra.js";
import { storeLog as log } from "./logger.js";
import { computeCommentsFromPostgres } from "./postgres.js";
import type { CommentStore } from "./types.js";

export interface CommentStoreDeps {
  pool: pg.Pool;
  ring: CacheRing;
  cassandra: cassandra.Client;
  keyspace: string;
  /** Prepended to every post key in Cassandra and Redis (tests). Default "". */
  namespace?: string;
}

/** Redis key of a post's comment order: `co:<namespace><post>:<sort>` (a sorted set). */
export function commentOrderRedisKey(namespace: string, post: string, sort: CommentSort): string {
  return `co:${namespace}${post}:${sort}`;
}

/** Redis key of a post's comment tree: `ct:<namespace><post>` (JSON; present even when empty). */
export function commentTreeRedisKey(namespace: string, post: string): string {
  return `ct:${namespace}${post}`;
}

export interface CommentStoreWriter extends CommentStore {
  /**
   * Write a post's orders and tree to Cassandra (overwrites) and Redis at once. Throws when
   * Cassandra is down, after Redis has the new copy (readers see it; the consumer retries).
   */
  write(postFullname: string, computed: { orders: Record<CommentSort, ListingEntry[]>; tree: CommentTreeNode[] }): Promise<void>;
}

export function createCommentStore(deps: CommentStoreDeps): CommentStoreWriter {
  const ns = deps.namespace ?? "";
  const cass = new CassandraListings(deps.cassandra, deps.keyspace);

  async function readTreeRedis(post: string): Promise<CommentTreeNode[] | undefined> {
    return deps.ring.get<CommentTreeNode[]>(commentTreeRedisKey(ns, post));
  }

  async function readRedis(post: string, sort: CommentSort): Promise<ListingEntry[] | undefined> {
    const members = await deps.ring.zrevrange(commentOrderRedisKey(ns, post, sort));
    if (members !== undefined) return rankEntries(members.map((m) => ({ fullname: m.member, sort: m.score, ts: createdMsOf(m.member) })), Number.MAX_SAFE_INTEGER);
    // Redis keeps no empty sorted set: an empty cached tree says "no comments".
    const tree = await readTreeRedis(post);
    return tree !== undefined && tree.length === 0 ? [] : undefined;
  }

  async function writeRedis(post: string, computed: { orders: Record<CommentSort, ListingEntry[]>; tree: CommentTreeNode[] }): Promise<void> {
    const writes = COMMENT_SORTS.filter((s) => computed.orders[s].length > 0).map((s) => ({
      key: commentOrderRedisKey(ns, post, s),
      replace: true,
      upsert: computed.orders[s].map((e) => ({ member: e.fullname, score: e.sort })),
    }));
    const [a, b] = await Promise.all([deps.ring.updateListings(writes), deps.ring.set(commentTreeRedisKey(ns, post), computed.tree)]);
    if (!a.ok || !b.ok) log.warn({ post }, "comment order write to Redis dropped (readers fall back to Cassandra)");
  }

  /**
   * A reader's copy from Cassandra, cached only where Redis holds nothing: the consumer may have
   * written newer orders meanwhile, and an overwrite would keep the older ones until the post's
   * next comment event.
   */
  async function fillRedis(post: string, copy: { orders: Record<CommentSort, ListingEntry[]>; tree: CommentTreeNode[] }): Promise<void> {
    const results = await Promise.all([
      ...COMMENT_SORTS.map((s) => deps.ring.fillListing(commentOrderRedisKey(ns, post, s), copy.orders[s].map((e) => ({ member: e.fullname, score: e.sort })))),
      deps.ring.set(commentTreeRedisKey(ns, post), copy.tree, { ifAbsent: true }),
    ]);
    if (results.some((r) => !r.ok)) log.warn({ post }, "comment order fill to Redis dropped (readers fall back to Cassandra)");
  }

  /**
   * Both stores at once: a new comment shows without waiting for Cassandra's write. Safe against a
   * reader's fill from an older Cassandra copy, which lands only where Redis holds nothing (a
   * whole replace here overwrites a fill that came first). Both settle before a failure is thrown,
   * so a retry never races this write.
   */
  async function write(post: string, computed: { orders: Record<CommentSort, ListingEntry[]>; tree: CommentTreeNode[] }): Promise<void> {
    // Comments are never purged from a post, so every write is overwrites only.
    const cassandraWrites = Promise.all([...COMMENT_SORTS.map((s) => cass.writeOrder(ns + post, s, computed.orders[s])), cass.writeTree(ns + post, computed.tree)]);
    const results = await Promise.allSettled([cassandraWrites, writeRedis(post, computed)]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** Redis → Cassandra (repopulating Redis) → Postgres (written to both); Cassandra down only costs time. */
  async function fallback<T>(post: string, fromRedis: () => Promise<T | undefined>, fromCassandra: () => Promise<T | undefined>, pick: (c: { orders: Record<CommentSort, ListingEntry[]>; tree: CommentTreeNode[] }) => T) {
    const r = await fromRedis();
    if (r !== undefined) return { value: r, source: "redis" as const };
    let cassandraUp = true;
    try {
      const c = await fromCassandra();
      if (c !== undefined) {
        // Repopulate Redis from Cassandra's whole copy of the post.
        const orders = Object.fromEntries(await Promise.all(COMMENT_SORTS.map(async (s) => [s, await cass.readOrder(ns + post, s)] as const))) as Record<CommentSort, ListingEntry[]>;
        await fillRedis(post, { orders, tree: await cass.readTree(ns + post) });
        return { value: c, source: "cassandra" as const };
      }
    } catch (err) {
      cassandraUp = false;
      log.warn({ err, post }, "Cassandra read failed; comments from Postgres");
    }
    const computed = await computeCommentsFromPostgres(deps.pool, post);
    if (cassandraUp) {
      try {
        await write(post, computed);
      } catch (err) {
        log.warn({ err, post }, "could not write rebuilt comment orders back");
      }
    }
    return { value: pick(computed), source: "postgres" as const };
  }

  async function readCassandra(post: string, sort: CommentSort): Promise<ListingEntry[] | undefined> {
    const items = await cass.readOrder(ns + post, sort);
    return items.length === 0 ? undefined : items;
  }
  async function readTreeCassandra(post: string): Promise<CommentTreeNode[] | undefined> {
    const nodes = await cass.readTree(ns + post);
    return nodes.length === 0 ? undefined : nodes;
  }

  return {
    readRedis,
    readCassandra,
    readTreeRedis,
    readTreeCassandra,
    write,
    async computeFromPostgres(post) {
      return computeCommentsFromPostgres(deps.pool, post);
    },
    async rebuild(post) {
      await write(post, await computeCommentsFromPostgres(deps.pool, post));
    },
    async read(post, sort) {
      const { value, source } = await fallback(post, () => readRedis(post, sort), () => readCassandra(post, sort), (c) => c.orders[sort]);
      return { items: value, source };
    },
    async readTree(post) {
      const { value, source } = await fallback(post, () => readTreeRedis(post), () => readTreeCassandra(post), (c) => c.tree);
      return { nodes: value, source };
    },
  };
}
