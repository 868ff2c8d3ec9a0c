import type pg from "pg";
import { hot, idTimestamp, parseFullname } from "@hivemind/core";
import type { ListingJson, PublicClient } from "./client.js";

/** The last vote the benchmark sent for one (voter, post), and whether it was acknowledged (200). */
export interface LastVote {
  userId: bigint;
  fullname: string;
  dir: -1 | 0 | 1;
  acked: boolean;
}

/** Waits until the outbox is empty and the tally has counted every vote row; resolves to the ms it took (null: not within timeoutMs). */
export async function drain(pool: pg.Pool, timeoutMs: number, progress: (line: string) => void): Promise<number | null> {
  const t0 = performance.now();
  let lastLog = 0;
  for (;;) {
    const { rows } = await pool.query<{ outbox: string; pending: string }>(
      "SELECT (SELECT count(*) FROM outbox)::text AS outbox, (SELECT count(*) FROM votes WHERE dir <> counted_dir)::text AS pending",
    );
    const { outbox, pending } = rows[0]!;
    const ms = performance.now() - t0;
    if (outbox === "0" && pending === "0") return Math.round(ms);
    if (ms > timeoutMs) return null;
    if (ms - lastLog > 2000) {
      progress(`draining: ${outbox} outbox rows, ${pending} votes not yet counted`);
      lastLog = ms;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface CountAudit {
  /** Posts (every post of the database, seeded ones too) whose ups/downs differ from their votes rows. */
  postsMiscounted: number;
  postsChecked: number;
  /** Acknowledged last votes whose row does not hold their dir: acknowledged votes lost. */
  lost: number;
  ackedChecked: number;
  /** (voter, post) whose last vote got no 200: its outcome is unknown, so it is not counted either way. */
  unknown: number;
}

/** Counts in Postgres against the votes table, and every acknowledged vote against its row. */
export async function auditCounts(pool: pg.Pool, last: Iterable<LastVote>): Promise<CountAudit> {
  const { rows: counts } = await pool.query<{ checked: string; bad: string }>(
    `SELECT count(*)::text AS checked, count(*) FILTER (WHERE p.ups <> coalesce(v.ups, 0) OR p.downs <> coalesce(v.downs, 0))::text AS bad
       FROM posts p
       LEFT JOIN (SELECT thing_id, count(*) FILTER (WHERE dir = 1) AS ups, count(*) FILTER (WHERE dir = -1) AS downs FROM votes WHERE kind = 3 GROUP BY thing_id) v
         ON v.thing_id = p.id`,
  );
  const acked: LastVote[] = [];
  let unknown = 0;
  for (const v of last) {
    if (v.acked) acked.push(v);
    else unknown++;
  }
  const things = [...new Set(acked.map((v) => parseFullname(v.fullname, ["t3"], "id").id.toString()))];
  const { rows } = await pool.query<{ thing_id: string; user_id: string; dir: number }>(
    "SELECT thing_id::text, user_id::text, dir FROM votes WHERE kind = 3 AND thing_id = ANY($1::bigint[])",
    [things],
  );
  const stored = new Map(rows.map((r) => [`${r.thing_id}:${r.user_id}`, r.dir]));
  let lost = 0;
  for (const v of acked) {
    const key = `${parseFullname(v.fullname, ["t3"], "id").id}:${v.userId}`;
    if ((stored.get(key) ?? 0) !== v.dir) lost++;
  }
  return { postsMiscounted: Number(counts[0]!.bad), postsChecked: Number(counts[0]!.checked), lost, ackedChecked: acked.length, unknown };
}

export interface ListingAudit {
  listings: number;
  /** Listings whose ids or order differ from the hot order computed from Postgres. */
  orderMismatches: number;
  items: number;
  /** Items whose score in the listing JSON differs from ups − downs in Postgres. */
  scoreMismatches: number;
  /** The largest |listing score − Postgres score| seen. */
  maxScoreGap: number;
  /** The first difference in order: community, position, what Postgres implies and what the listing holds. */
  firstDifference: string | null;
}

/** A community's whole hot listing through the public port (pages of 100). */
async function readListing(client: PublicClient, community: string): Promise<{ name: string; score: number }[]> {
  const out: { name: string; score: number }[] = [];
  let after: string | null = null;
  do {
    const res: { body: ListingJson | null } = await client.getJson<ListingJson>(`/r/${community}/hot.json?limit=100${after ? `&after=${after}` : ""}`);
    if (!res.body) break;
    out.push(...res.body.data.children.map((c) => ({ name: c.data.name, score: c.data.score })));
    after = res.body.data.after;
  } while (after && out.length < 1000);
  return out;
}

/** Each community's hot listing (ids, order, scores) against Postgres: hot(ups, downs, the id's time) as the listings compute it, ties newer id first. */
export async function auditListings(pool: pg.Pool, client: PublicClient, communities: string[]): Promise<ListingAudit> {
  const { rows } = await pool.query<{ community: string; id: string; ups: number; downs: number }>(
    `SELECT c.name AS community, p.id::text AS id, p.ups, p.downs
       FROM posts p JOIN communities c ON c.id = p.community_id
      WHERE c.name = ANY($1) AND NOT p.removed AND NOT p.deleted`,
    [communities],
  );
  const out: ListingAudit = { listings: communities.length, orderMismatches: 0, items: 0, scoreMismatches: 0, maxScoreGap: 0, firstDifference: null };
  for (const community of communities) {
    const posts = rows
      .filter((r) => r.community === community)
      .map((r) => ({ name: `t3_${BigInt(r.id).toString(36)}`, id: BigInt(r.id), score: r.ups - r.downs, hot: hot(r.ups, r.downs, idTimestamp(BigInt(r.id))) }))
      .sort((a, b) => b.hot - a.hot || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0));
    const listing = await readListing(client, community);
    const at = Math.max(listing.length, posts.length);
    const i = Array.from({ length: at }, (_, k) => k).find((k) => listing[k]?.name !== posts[k]?.name);
    if (i !== undefined) {
      out.orderMismatches++;
      out.firstDifference ??= `r/${community} #${i}: Postgres ${posts[i]?.name ?? "-"} (hot ${posts[i]?.hot ?? "-"}), listing ${listing[i]?.name ?? "-"} (${listing.length} items, ${posts.length} posts)`;
    }
    const truth = new Map(posts.map((p) => [p.name, p.score]));
    for (const item of listing) {
      out.items++;
      const gap = Math.abs(item.score - (truth.get(item.name) ?? item.score));
      if (gap > 0) out.scoreMismatches++;
      out.maxScoreGap = Math.max(out.maxScoreGap, gap);
    }
  }
  return out;
}
