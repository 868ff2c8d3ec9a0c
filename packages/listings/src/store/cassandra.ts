/**
 * The Cassandra side of the listing store (DESIGN §4): one partition per listing, one row per
 * item with its sort value, read whole and sorted in memory; a changed value is an overwrite.
 * Comment orders: one partition per (post, sort); comment trees: one per post.
 */
import cassandra from "cassandra-driver";
import { compareEntries, rankEntries, type CommentTreeNode, type ListingEntry } from "@hivemind/core";

export interface CassandraConnectOptions {
  contactPoint: string;
  localDataCenter: string;
  /** Per-request timeout; a down Cassandra fails a read within it. */
  readTimeoutMs?: number;
}

/** A driver client for the listing store (not bound to a keyspace: every statement names it). */
export function createListingsCassandra(opts: CassandraConnectOptions): cassandra.Client {
  return new cassandra.Client({
    contactPoints: [opts.contactPoint],
    localDataCenter: opts.localDataCenter,
    socketOptions: { connectTimeout: 2_000, readTimeout: opts.readTimeoutMs ?? 2_000 },
    pooling: { warmup: false },
  });
}

const CHUNK = 100;

/** A row to write with its own write time: `entry` overwrites, null deletes; `at` in ms. */
export interface TimedChange {
  fullname: string;
  entry: ListingEntry | null;
  at: number;
}

/** Cassandra write times are microseconds. */
const writeTime = (ms: number) => cassandra.types.Long.fromNumber(Math.round(ms * 1000));

/**
 * A row every whole write of a listing adds to its partition (never an item: fullnames start
 * with t1_/t3_). A partition without it is not a listing but what is left of one (a truncated or
 * lost table that patches then wrote a few rows into), and reads as no row at all, so it is
 * rebuilt from Postgres rather than trusted.
 */
export const WHOLE_MARKER = "~whole";
const Q = { prepare: true } as const;

function checkKeyspace(ks: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(ks)) throw new RangeError(`bad keyspace name ${ks}`);
  return ks;
}

export class CassandraListings {
  private readonly ks: string;
  constructor(
    private readonly client: cassandra.Client,
    keyspace: string,
  ) {
    this.ks = checkKeyspace(keyspace);
  }

  /** The listing's rows, best first; empty when there is no whole listing (see WHOLE_MARKER) unless `partial`. */
  async read(listing: string, opts: { partial?: boolean } = {}): Promise<ListingEntry[]> {
    const rs = await this.client.execute(`SELECT thing, sort, ts FROM ${this.ks}.listings WHERE listing = ?`, [listing], { ...Q, fetchSize: 5000 });
    const rows = rs.rows.filter((r) => r.get("thing") !== WHOLE_MARKER);
    if (!opts.partial && rows.length === rs.rows.length) return [];
    return rankEntries(rows.map(rowEntry("thing")), Number.MAX_SAFE_INTEGER);
  }

  /** Overwrite `upsert` rows and delete `remove` ones (one unlogged batch per chunk: one partition). */
  async write(listing: string, upsert: readonly ListingEntry[], remove: readonly string[]): Promise<void> {
    const queries: { query: string; params: unknown[] }[] = [
      ...upsert.map((e) => ({ query: `INSERT INTO ${this.ks}.listings (listing, thing, sort, ts) VALUES (?, ?, ?, ?)`, params: [listing, e.fullname, e.sort, cassandra.types.Long.fromNumber(e.ts)] })),
      ...remove.map((f) => ({ query: `DELETE FROM ${this.ks}.listings WHERE listing = ? AND thing = ?`, params: [listing, f] })),
    ];
    await this.batches(queries);
  }

  /**
   * Overwrite and delete rows, each with its own write time (USING TIMESTAMP): of two writes of
   * one row, the later-timed wins whatever order they land in.
   */
  async writeTimed(listing: string, changes: readonly TimedChange[]): Promise<void> {
    await this.batches(
      changes.map((c) =>
        c.entry === null
          ? { query: `DELETE FROM ${this.ks}.listings USING TIMESTAMP ? WHERE listing = ? AND thing = ?`, params: [writeTime(c.at), listing, c.fullname] }
          : { query: `INSERT INTO ${this.ks}.listings (listing, thing, sort, ts) VALUES (?, ?, ?, ?) USING TIMESTAMP ?`, params: [listing, c.fullname, c.entry.sort, cassandra.types.Long.fromNumber(c.entry.ts), writeTime(c.at)] },
      ),
    );
  }

  /** Replace a listing: overwrite what is kept, delete the rest (never a partition delete + insert), mark it whole. */
  async replace(listing: string, items: readonly ListingEntry[]): Promise<void> {
    const current = await this.read(listing, { partial: true });
    const keep = new Set(items.map((e) => e.fullname));
    await this.write(listing, items, current.filter((e) => !keep.has(e.fullname)).map((e) => e.fullname));
    await this.markWhole(listing);
  }

  /** Add the WHOLE_MARKER row (after the rows it vouches for are written). */
  async markWhole(listing: string): Promise<void> {
    await this.client.execute(`INSERT INTO ${this.ks}.listings (listing, thing, sort, ts) VALUES (?, ?, 0, 0)`, [listing, WHOLE_MARKER], Q);
  }

  async readOrder(post: string, sort: string): Promise<ListingEntry[]> {
    const rs = await this.client.execute(`SELECT comment, sort, ts FROM ${this.ks}.comment_orders WHERE post = ? AND sort_name = ?`, [post, sort], { ...Q, fetchSize: 5000 });
    return rs.rows.map(rowEntry("comment")).sort(compareEntries);
  }

  async writeOrder(post: string, sort: string, items: readonly ListingEntry[], remove: readonly string[] = []): Promise<void> {
    await this.batches([
      ...items.map((e) => ({ query: `INSERT INTO ${this.ks}.comment_orders (post, sort_name, comment, sort, ts) VALUES (?, ?, ?, ?, ?)`, params: [post, sort, e.fullname, e.sort, cassandra.types.Long.fromNumber(e.ts)] })),
      ...remove.map((f) => ({ query: `DELETE FROM ${this.ks}.comment_orders WHERE post = ? AND sort_name = ? AND comment = ?`, params: [post, sort, f] })),
    ]);
  }

  async readTree(post: string): Promise<CommentTreeNode[]> {
    const rs = await this.client.execute(`SELECT comment, parent, depth, ts FROM ${this.ks}.comment_trees WHERE post = ?`, [post], { ...Q, fetchSize: 5000 });
    return rs.rows
      .map((r) => ({ fullname: r.get("comment") as string, parent: (r.get("parent") as string | null) ?? null, depth: r.get("depth") as number, ts: Number(r.get("ts")) }))
      .sort((a, b) => -compareEntries({ fullname: a.fullname, sort: 0, ts: 0 }, { fullname: b.fullname, sort: 0, ts: 0 }));
  }

  async writeTree(post: string, nodes: readonly CommentTreeNode[]): Promise<void> {
    await this.batches(
      nodes.map((n) => ({ query: `INSERT INTO ${this.ks}.comment_trees (post, comment, parent, depth, ts) VALUES (?, ?, ?, ?, ?)`, params: [post, n.fullname, n.parent, n.depth, cassandra.types.Long.fromNumber(n.ts)] })),
    );
  }

  private async batches(queries: { query: string; params: unknown[] }[]): Promise<void> {
    for (let i = 0; i < queries.length; i += CHUNK) {
      await this.client.batch(queries.slice(i, i + CHUNK), { prepare: true, logged: false });
    }
  }
}

function rowEntry(col: string) {
  return (r: cassandra.types.Row): ListingEntry => ({ fullname: r.get(col) as string, sort: r.get("sort") as number, ts: Number(r.get("ts")) });
}
