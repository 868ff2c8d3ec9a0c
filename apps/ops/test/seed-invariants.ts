import type pg from "pg";

/**
 * SQL checks of what a seeded database must satisfy. Each query returns the
 * number of rows breaking the rule, so 0 everywhere means consistent.
 */
export const SEED_INVARIANTS: Record<string, string> = {
  "post ups/downs equal the votes table": `
    SELECT count(*) FROM posts p
      LEFT JOIN (SELECT thing_id, count(*) FILTER (WHERE dir = 1) AS ups, count(*) FILTER (WHERE dir = -1) AS downs
                   FROM votes WHERE kind = 3 GROUP BY thing_id) v ON v.thing_id = p.id
     WHERE p.ups <> coalesce(v.ups, 0) OR p.downs <> coalesce(v.downs, 0)`,
  "comment ups/downs equal the votes table": `
    SELECT count(*) FROM comments c
      LEFT JOIN (SELECT thing_id, count(*) FILTER (WHERE dir = 1) AS ups, count(*) FILTER (WHERE dir = -1) AS downs
                   FROM votes WHERE kind = 1 GROUP BY thing_id) v ON v.thing_id = c.id
     WHERE c.ups <> coalesce(v.ups, 0) OR c.downs <> coalesce(v.downs, 0)`,
  "every vote is counted (counted_dir = dir)": `SELECT count(*) FROM votes WHERE counted_dir <> dir`,
  "every vote is on an existing thing of its kind": `
    SELECT count(*) FROM votes v
     WHERE NOT (v.kind = 3 AND EXISTS (SELECT 1 FROM posts p WHERE p.id = v.thing_id))
       AND NOT (v.kind = 1 AND EXISTS (SELECT 1 FROM comments c WHERE c.id = v.thing_id))`,
  "every post and comment has its author's upvote": `
    SELECT count(*) FROM (SELECT id, author_id FROM posts UNION ALL SELECT id, author_id FROM comments) t
     WHERE NOT EXISTS (SELECT 1 FROM votes v WHERE v.thing_id = t.id AND v.user_id = t.author_id AND v.dir = 1)`,
  "karma is the score of one's things minus one's own votes": `
    WITH own AS (
      SELECT t.author_id, t.is_post, sum(t.ups - t.downs - coalesce(v.dir, 0)) AS karma
        FROM (SELECT id, author_id, ups, downs, true AS is_post FROM posts
              UNION ALL SELECT id, author_id, ups, downs, false FROM comments) t
        LEFT JOIN votes v ON v.thing_id = t.id AND v.user_id = t.author_id
       GROUP BY t.author_id, t.is_post)
    SELECT count(*) FROM users u
      LEFT JOIN own l ON l.author_id = u.id AND l.is_post
      LEFT JOIN own c ON c.author_id = u.id AND NOT c.is_post
     WHERE u.link_karma <> coalesce(l.karma, 0) OR u.comment_karma <> coalesce(c.karma, 0)`,
  "num_comments counts the visible comments": `
    SELECT count(*) FROM posts p
      LEFT JOIN (SELECT post_id, count(*) AS n FROM comments WHERE NOT deleted AND NOT removed GROUP BY post_id) c ON c.post_id = p.id
     WHERE p.num_comments <> coalesce(c.n, 0)`,
  "subscribers equal the subscriptions table": `
    SELECT count(*) FROM communities c
      LEFT JOIN (SELECT community_id, count(*) AS n FROM subscriptions GROUP BY community_id) s ON s.community_id = c.id
     WHERE c.subscribers <> coalesce(s.n, 0)`,
  "a reply is in its parent's post, one level deeper, and newer": `
    SELECT count(*) FROM comments c JOIN comments p ON p.id = c.parent_id
     WHERE p.post_id <> c.post_id OR c.depth <> p.depth + 1 OR c.id <= p.id OR c.created_at < p.created_at`,
  "a comment is in its post's community": `
    SELECT count(*) FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.community_id <> p.community_id`,
  "removed things name a moderator of their community": `
    SELECT count(*) FROM (SELECT community_id, removed_by FROM posts WHERE removed
                          UNION ALL SELECT community_id, removed_by FROM comments WHERE removed) t
     WHERE NOT EXISTS (SELECT 1 FROM moderators m WHERE m.community_id = t.community_id AND m.user_id = t.removed_by)`,
  "ids carry the created time": `
    SELECT count(*) FROM (SELECT id, created_at FROM posts UNION ALL SELECT id, created_at FROM comments
                          UNION ALL SELECT id, created_at FROM users) t
     WHERE (t.id >> 22) + 1704067200000 <> (extract(epoch FROM t.created_at) * 1000)::bigint`,
  "no outbox events were written": `SELECT count(*) FROM outbox`,
};

/** The invariants that fail, with how many rows break each; {} when all hold. */
export async function brokenSeedInvariants(db: pg.Pool | pg.Client): Promise<Record<string, number>> {
  const broken: Record<string, number> = {};
  for (const [name, sql] of Object.entries(SEED_INVARIANTS)) {
    const { rows } = await db.query<{ count: string }>(sql);
    const n = Number(rows[0]?.count ?? 0);
    if (n !== 0) broken[name] = n;
  }
  return broken;
}
