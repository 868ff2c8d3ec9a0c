/**
 * Listings and comment orders computed from Postgres, the source of truth, with the same pure
 * functions (packages/core listing-maintenance, comment-orders) the consumers use, so a rebuild
 * equals the incrementally maintained result value for value.
 */
import type pg from "pg";
import {
  LISTING_MAX,
  RISING_WINDOW_MS,
  TIME_FILTER_MS,
  commentOrders,
  commentTree,
  formatFullname,
  listedDomainOf,
  fromBase36,
  idTimestamp,
  listingSortValue,
  minIdForTime,
  parseFullname,
  rankEntries,
  type CommentFacts,
  type CommentSort,
  type CommentTreeNode,
  type ListedThing,
  type ListingEntry,
  type ListingKey,
} from "@hivemind/core";

/** Listable: not removed, not deleted, the author not banned (an unexpired ban) from the community. */
export function listableSql(alias: string): string {
  return `(NOT ${alias}.removed AND NOT ${alias}.deleted AND NOT EXISTS (
    SELECT 1 FROM bans b WHERE b.community_id = ${alias}.community_id AND b.user_id = ${alias}.author_id
      AND (b.expires_at IS NULL OR b.expires_at > to_timestamp($1::float8 / 1000))))`;
}

interface ThingRow {
  id: string;
  community_id: string;
  author_id: string;
  /** Posts: "link" or "self"; comments: null. */
  kind: string | null;
  domain: string | null;
  ups: number;
  downs: number;
  listable: boolean;
}

function toListed(kind: "t3" | "t1", r: ThingRow): ListedThing {
  const id = BigInt(r.id);
  return {
    fullname: formatFullname(kind, id),
    kind,
    communityId: BigInt(r.community_id),
    authorId: BigInt(r.author_id),
    domain: kind === "t3" ? listedDomainOf({ kind: r.kind ?? "", domain: r.domain }) : null,
    ups: r.ups,
    downs: r.downs,
    createdMs: idTimestamp(id),
    listable: r.listable,
  };
}

/** The current rows of posts and comments (by fullname) as listing maintenance sees them. Missing rows are absent. */
export async function loadListedThings(pool: pg.Pool, fullnames: readonly string[], nowMs: number): Promise<Map<string, ListedThing>> {
  const posts: string[] = [];
  const comments: string[] = [];
  for (const f of fullnames) {
    const { kind, id } = parseFullname(f, ["t1", "t3"]);
    (kind === "t3" ? posts : comments).push(id.toString());
  }
  const out = new Map<string, ListedThing>();
  if (posts.length > 0) {
    const { rows } = await pool.query<ThingRow>(
      `SELECT p.id, p.community_id, p.author_id, p.kind, p.domain, p.ups, p.downs, ${listableSql("p")} AS listable
       FROM posts p WHERE p.id = ANY($2::bigint[])`,
      [nowMs, posts],
    );
    for (const r of rows) out.set(formatFullname("t3", BigInt(r.id)), toListed("t3", r));
  }
  if (comments.length > 0) {
    const { rows } = await pool.query<ThingRow>(
      `SELECT c.id, c.community_id, c.author_id, NULL AS kind, NULL AS domain, c.ups, c.downs, ${listableSql("c")} AS listable
       FROM comments c WHERE c.id = ANY($2::bigint[])`,
      [nowMs, comments],
    );
    for (const r of rows) out.set(formatFullname("t1", BigInt(r.id)), toListed("t1", r));
  }
  return out;
}

/** SQL approximations used only to pick candidates; exact values are computed in TypeScript. */
export const HOT_SQL = `(sign(t.ups - t.downs) * log(greatest(abs(t.ups - t.downs), 1)) + ((t.id >> 22) / 1000.0 + ${Date.UTC(2024, 0, 1) / 1000} - 1134028003) / 45000.0)::float8`;
const CONTROVERSY_SQL = `(CASE WHEN t.ups <= 0 OR t.downs <= 0 THEN 0 ELSE power((t.ups + t.downs)::float8, least(t.ups, t.downs)::float8 / greatest(t.ups, t.downs)) END)::float8`;
/** Candidates fetched past the cap, so approximation error can never change which 1000 are kept. */
export const MARGIN = 200;

function ownerFilter(key: ListingKey, alias: string, params: unknown[]): string {
  const o = key.owner;
  switch (o.type) {
    case "all":
      return "TRUE";
    case "community":
      params.push(o.id.toString());
      return `${alias}.community_id = $${params.length}::bigint`;
    case "user":
      params.push(o.id.toString());
      return `${alias}.author_id = $${params.length}::bigint`;
    case "domain":
      params.push(o.domain);
      // Links only: listedDomainOf.
      return `${alias}.domain = $${params.length} AND ${alias}.kind = 'link'`;
  }
}

/**
 * A listing computed from Postgres at `nowMs`: every listable thing of the owner with a value
 * under the key's sort (time filters and rising's window applied), ranked, cut to 1000.
 */
export async function computeListingFromPostgres(pool: pg.Pool, key: ListingKey, nowMs: number, cap = LISTING_MAX): Promise<ListingEntry[]> {
  const kind = key.owner.type === "user" && key.owner.what === "comments" ? "t1" : "t3";
  const table = kind === "t1" ? "comments" : "posts";
  const params: unknown[] = [nowMs];
  const where = [listableSql("t"), ownerFilter(key, "t", params)];
  const windowMs = key.sort === "rising" ? RISING_WINDOW_MS : (key.sort === "top" || key.sort === "controversial") && key.t !== "all" ? TIME_FILTER_MS[key.t] : undefined;
  if (windowMs !== undefined) {
    params.push(minIdForTime(Math.max(Date.UTC(2024, 0, 1), nowMs - windowMs)).toString());
    where.push(`t.id >= $${params.length}::bigint`);
  }
  const cols = `t.id, t.community_id, t.author_id, ${kind === "t3" ? "t.kind, t.domain" : "NULL AS kind, NULL AS domain"}, t.ups, t.downs, TRUE AS listable`;
  const order =
    key.sort === "new" ? "t.id DESC" : key.sort === "top" ? "(t.ups - t.downs) DESC, t.id DESC" : key.sort === "hot" ? `${HOT_SQL} DESC, t.id DESC` : key.sort === "controversial" ? `${CONTROVERSY_SQL} DESC, t.id DESC` : undefined;
  const exactInSql = key.sort === "new" || key.sort === "top";
  const limit = order === undefined ? undefined : exactInSql ? cap : cap + MARGIN;
  const sql = `SELECT ${cols} FROM ${table} t WHERE ${where.join(" AND ")}${order ? ` ORDER BY ${order}` : ""}${limit !== undefined ? ` LIMIT ${limit}` : ""}`;
  const rank = (rows: ThingRow[]) => {
    const entries: ListingEntry[] = [];
    for (const r of rows) {
      const thing = toListed(kind, r);
      const sort = listingSortValue(key, thing, nowMs);
      if (sort !== null) entries.push({ fullname: thing.fullname, sort, ts: thing.createdMs });
    }
    return rankEntries(entries, cap);
  };
  const { rows } = await pool.query<ThingRow>(sql, params);
  const ranked = rank(rows);
  if (exactInSql || limit === undefined || rows.length < limit || ranked.length < cap) return ranked;
  // The approximation must not have left out anything that ranks exactly: the last candidate's
  // exact value must be clearly below the cap-th kept one, else fall back to every row.
  const last = rows[rows.length - 1];
  const lastEntry = last ? rank([last])[0] : undefined;
  const cut = ranked[ranked.length - 1];
  if (lastEntry && cut && lastEntry.sort < cut.sort - 1e-6 * Math.max(1, Math.abs(cut.sort))) return ranked;
  // Controversy 0 is exact in SQL too, and its ties are ordered by id there as here.
  if (key.sort === "controversial" && lastEntry?.sort === 0 && cut?.sort === 0) return ranked;
  const all = await pool.query<ThingRow>(`SELECT ${cols} FROM ${table} t WHERE ${where.join(" AND ")}`, params);
  return rank(all.rows);
}

interface CommentRow {
  id: string;
  parent_id: string | null;
  depth: number;
  author_id: string;
  ups: number;
  downs: number;
  length: number;
}

/** A post's comment orders (every sort) and tree from Postgres. An unknown post has none. */
export async function computeCommentsFromPostgres(pool: pg.Pool, postFullname: string): Promise<{ orders: Record<CommentSort, ListingEntry[]>; tree: CommentTreeNode[] }> {
  const postId = parseFullname(postFullname, ["t3"]).id.toString();
  const [post, comments] = await Promise.all([
    pool.query<{ author_id: string }>("SELECT author_id FROM posts WHERE id = $1", [postId]),
    pool.query<CommentRow>(
      "SELECT id, parent_id, depth, author_id, ups, downs, char_length(body) AS length FROM comments WHERE post_id = $1",
      [postId],
    ),
  ]);
  const facts: CommentFacts[] = comments.rows.map((r) => {
    const id = BigInt(r.id);
    return {
      fullname: formatFullname("t1", id),
      parent: r.parent_id === null ? null : formatFullname("t1", BigInt(r.parent_id)),
      depth: r.depth,
      authorId: BigInt(r.author_id),
      ups: r.ups,
      downs: r.downs,
      createdMs: idTimestamp(id),
      length: Number(r.length),
    };
  });
  const author = post.rows[0] ? BigInt(post.rows[0].author_id) : fromBase36("0");
  return { orders: commentOrders(facts, author), tree: commentTree(facts) };
}
