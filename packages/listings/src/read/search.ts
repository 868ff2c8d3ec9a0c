import { formatFullname, idTimestamp, linkSortValue, minIdForTime, rankEntries, timeFilterCutoff, type ListingEntry, type SearchSort, type TimeFilter } from "@hivemind/core";
import type { Db } from "@hivemind/db";
import { HOT_SQL, MARGIN, listableSql } from "../store/postgres.js";
import type { ListingSnapshot } from "./skeleton.js";

/** How many matches one search ranks (reddit's search stops at a few hundred too). */
export const SEARCH_MAX = 250;

export interface SearchQuery {
  /** Plain words: websearch syntax ("a phrase", -without, or). */
  q: string;
  sort: SearchSort;
  t: TimeFilter;
  /** Only this community's posts; absent: every community's. */
  communityId?: bigint | undefined;
}

/** What a post is searched by: its title and text. The index posts_search_idx is on this expression. */
const DOCUMENT = `to_tsvector('english', t.title || ' ' || t.body)`;

/** The order each sort takes in SQL; hot's is HOT_SQL's approximation, made exact below. */
const ORDER: Record<SearchSort, string> = {
  relevance: "rank DESC, t.id DESC",
  new: "t.id DESC",
  top: "(t.ups - t.downs) DESC, t.id DESC",
  comments: "t.num_comments DESC, t.id DESC",
  hot: `${HOT_SQL} DESC, t.id DESC`,
};

interface MatchRow {
  id: bigint;
  ups: number;
  downs: number;
  num_comments: number;
  rank: number;
}

/** A match's value under the sort: the listings' own for hot, new and top (core's ranking). */
function valueOf(sort: SearchSort, r: MatchRow, createdMs: number, nowMs: number): number {
  if (sort === "relevance") return r.rank;
  if (sort === "comments") return r.num_comments;
  return linkSortValue(sort, { ups: r.ups, downs: r.downs, createdMs }, nowMs) ?? 0;
}

/**
 * A search's skeleton, computed from Postgres when it is read (a search is not precomputed): the
 * listable posts matching `q` (full-text, English stemming, over title and text), in the sort's
 * order, at most SEARCH_MAX. It goes through the same hydrate, rules and present stages as a
 * listing; a cursor that has left the results ends them.
 */
export async function searchSkeleton(db: Db, query: SearchQuery, nowMs: number): Promise<ListingSnapshot> {
  const params: unknown[] = [nowMs, query.q];
  const where = [`${DOCUMENT} @@ query`, listableSql("t")];
  if (query.communityId !== undefined) {
    params.push(query.communityId.toString());
    where.push(`t.community_id = $${params.length}::bigint`);
  }
  const cutoff = timeFilterCutoff(query.t, nowMs);
  if (cutoff !== null) {
    params.push(minIdForTime(cutoff).toString());
    where.push(`t.id >= $${params.length}::bigint`);
  }
  const limit = query.sort === "hot" ? SEARCH_MAX + MARGIN : SEARCH_MAX;
  const rows = await db.$queryRawUnsafe<MatchRow[]>(
    `SELECT t.id, t.ups, t.downs, t.num_comments, ts_rank(${DOCUMENT}, query)::float8 AS rank
       FROM posts t, websearch_to_tsquery('english', $2) query
      WHERE ${where.join(" AND ")}
      ORDER BY ${ORDER[query.sort]} LIMIT ${limit}`,
    ...params,
  );
  const entries: ListingEntry[] = rows.map((r) => {
    const createdMs = idTimestamp(r.id);
    return { fullname: formatFullname("t3", r.id), sort: valueOf(query.sort, r, createdMs, nowMs), ts: createdMs };
  });
  return { items: rankEntries(entries, SEARCH_MAX), source: "postgres" };
}
