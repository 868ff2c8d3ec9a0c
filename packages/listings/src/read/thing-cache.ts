import { LocalCache, thingCacheKey, type CacheRing } from "@hivemind/cache";
import { formatFullname, parseFullname, type Viewer } from "@hivemind/core";
import type { Db } from "@hivemind/db";
import { commentInclude, postInclude, type CommentRow, type PostRow } from "@hivemind/domain";
import { log } from "../logger.js";
import { LOCAL_CACHE_MS } from "./local-snapshots.js";

/**
 * The thing cache: `t:{fullname}` on the Redis ring holds a post's or comment's row as every
 * viewer sees it (the row plus the names hydration joins: community, author, and for a comment
 * its post's title/url/author). Nothing per viewer is cached; votes, saved and hidden are the
 * hydrate stage's per-request batch from Postgres.
 *
 * Reads are one MGET per ring node (the ring client groups keys by node); misses come from
 * Postgres in one query per kind and are written back with the TTL. Freshness: an entry lives at
 * most `ttlSeconds`, and every thing event the API writes (edit, delete, remove, approve, lock,
 * sticky) deletes its key right after the commit (`invalidateThings`), so a removed post is never
 * shown as live for longer than the TTL even if that delete is lost (a node down, the process
 * killed between commit and delete); scores catch up within the TTL.
 *
 * In front of the ring, each process keeps the rows it read for LOCAL_CACHE_MS (LocalCache), and
 * serves them to logged-out readers: a busy page's things are fetched and parsed a few times a
 * second, not on every request. So such a reader may see a change up to that much later;
 * logged-in readers always read the ring (see `load`).
 */

/** Whether this process's short-lived local copies may serve `actor` (ThingCache.load, CommunityFacts): logged-out readers only. */
export function localCopiesFor(actor: Viewer | null): { local: boolean } {
  return { local: actor === null };
}

/** A row as stored in Redis: bigints as decimal strings, dates as Unix ms. */
type Encoded = Record<string, unknown>;

const POST_BIGINTS = ["id", "communityId", "authorId", "removedBy", "approvedBy"] as const;
const COMMENT_BIGINTS = ["id", "postId", "parentId", "communityId", "authorId", "removedBy", "approvedBy"] as const;
const DATES = ["editedAt", "createdAt"] as const;

function encode(row: Record<string, unknown>, bigints: readonly string[]): Encoded {
  const out: Encoded = { ...row };
  for (const k of bigints) out[k] = row[k] === null ? null : String(row[k] as bigint);
  for (const k of DATES) out[k] = row[k] === null ? null : (row[k] as Date).getTime();
  return out;
}

function decode(v: Encoded, bigints: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...v };
  for (const k of bigints) out[k] = v[k] === null || v[k] === undefined ? null : BigInt(v[k] as string);
  for (const k of DATES) out[k] = v[k] === null || v[k] === undefined ? null : new Date(v[k] as number);
  return out;
}

export function encodePost(row: PostRow): Encoded {
  return encode(row as unknown as Record<string, unknown>, POST_BIGINTS);
}

export function decodePost(v: Encoded): PostRow {
  return decode(v, POST_BIGINTS) as unknown as PostRow;
}

export function encodeComment(row: CommentRow): Encoded {
  const out = encode(row as unknown as Record<string, unknown>, COMMENT_BIGINTS);
  out.post = { ...row.post, authorId: String(row.post.authorId) };
  return out;
}

export function decodeComment(v: Encoded): CommentRow {
  const out = decode(v, COMMENT_BIGINTS) as unknown as CommentRow;
  const post = v.post as Record<string, unknown>;
  out.post = { ...(post as unknown as CommentRow["post"]), authorId: BigInt(post.authorId as string) };
  return out;
}

export interface ThingRows {
  posts: Map<bigint, PostRow>;
  comments: Map<bigint, CommentRow>;
}

export interface ThingCacheOptions {
  ring: CacheRing;
  db: Db;
  ttlSeconds: () => number;
}

export interface ThingLoadStats {
  hits: number;
  misses: number;
}

/** Rows of posts and comments by fullname: the ring first, Postgres for the rest (written back). */
/** Rows kept process-locally (about 2 KB each). */
const LOCAL_MAX_ROWS = 20_000;

export class ThingCache {
  private readonly local: LocalCache<string, PostRow | CommentRow>;

  constructor(private readonly opts: ThingCacheOptions) {
    this.local = new LocalCache({ ttlMs: () => Math.min(LOCAL_CACHE_MS, opts.ttlSeconds() * 1000), max: LOCAL_MAX_ROWS });
  }

  /**
   * `local`: may rows this process read in the last LOCAL_CACHE_MS serve (true only for readers
   * who cannot write: a logged-in reader must see their own write at once, whichever instance
   * took it, so they always read the ring, which every write updates before it answers).
   */
  async load(fullnames: readonly string[], stats?: ThingLoadStats, opts: { local?: boolean } = {}): Promise<ThingRows> {
    const local = opts.local === true;
    const posts = new Map<bigint, PostRow>();
    const comments = new Map<bigint, CommentRow>();
    const keep = (name: string, kind: string, row: PostRow | CommentRow) => {
      if (kind === "t3") posts.set(row.id, row as PostRow);
      else comments.set(row.id, row as CommentRow);
      this.local.set(name, row); // fresh from the ring or Postgres, whoever asked
    };
    const remote: string[] = [];
    for (const name of new Set(fullnames)) {
      const row = local ? this.local.get(name) : undefined;
      if (row === undefined) remote.push(name);
      else if (name.startsWith("t3_")) posts.set(row.id, row as PostRow);
      else comments.set(row.id, row as CommentRow);
    }
    if (remote.length === 0) {
      if (stats) stats.hits += posts.size + comments.size;
      return { posts, comments };
    }
    const cached = await this.opts.ring.mget<Encoded>(remote.map(thingCacheKey));
    const missPosts: bigint[] = [];
    const missComments: bigint[] = [];
    for (const name of remote) {
      const { kind, id } = parseFullname(name, ["t1", "t3"], "id");
      const hit = cached.get(thingCacheKey(name));
      if (hit) keep(name, kind, kind === "t3" ? decodePost(hit) : decodeComment(hit));
      else (kind === "t3" ? missPosts : missComments).push(id);
    }
    if (stats) {
      stats.hits += posts.size + comments.size;
      stats.misses += missPosts.length + missComments.length;
    }
    if (missPosts.length === 0 && missComments.length === 0) return { posts, comments };
    // Leases before the read: a count or edit committed after it deletes the lease, and the
    // write-back of what we read is then dropped rather than cached for the whole TTL.
    const ttl = this.opts.ttlSeconds();
    const missKeys = [...missPosts.map((id) => thingCacheKey(formatFullname("t3", id))), ...missComments.map((id) => thingCacheKey(formatFullname("t1", id)))];
    const leases = ttl > 0 ? await this.opts.ring.lease(missKeys) : new Map<string, string>();
    const [postRows, commentRows] = await Promise.all([
      missPosts.length ? this.opts.db.post.findMany({ where: { id: { in: missPosts } }, include: postInclude }) : [],
      missComments.length ? this.opts.db.comment.findMany({ where: { id: { in: missComments } }, include: commentInclude }) : [],
    ]);
    const writes: { key: string; value: unknown; token: string }[] = [];
    const fill = (key: string, value: unknown) => {
      const token = leases.get(key);
      if (token !== undefined) writes.push({ key, value, token });
    };
    for (const r of postRows) {
      const name = formatFullname("t3", r.id);
      keep(name, "t3", r);
      fill(thingCacheKey(name), encodePost(r));
    }
    for (const r of commentRows) {
      const name = formatFullname("t1", r.id);
      keep(name, "t1", r);
      fill(thingCacheKey(name), encodeComment(r));
    }
    if (writes.length > 0) {
      const res = await this.opts.ring.fillLeased(writes, { ttlSeconds: ttl });
      if (res.dropped.length > 0) log.debug({ dropped: res.dropped.length }, "thing cache write-back dropped (node down)");
    }
    return { posts, comments };
  }

  /** Deletes cached things (after an edit, removal, vote count change…): the next read reloads them. */
  invalidate(fullnames: readonly string[]): Promise<void> {
    for (const name of fullnames) this.local.delete(name);
    return invalidateThingCache(this.opts.ring, fullnames);
  }
}

/**
 * Deletes the thing cache entries `t:{fullname}` (one DEL per ring node): what a writer that has
 * no read path (the tally, after its commit) calls so the next read reloads the rows.
 */
export async function invalidateThingCache(ring: Pick<CacheRing, "del">, fullnames: readonly string[]): Promise<void> {
  if (fullnames.length === 0) return;
  await ring.del(fullnames.map(thingCacheKey));
}
