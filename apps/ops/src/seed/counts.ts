import type pg from "pg";
import type { CommunityDirectory } from "./community-directory.js";
import type { Population } from "./population.js";

/**
 * Writes the counts kept in memory while generating: users' karma and
 * communities' subscriber counts (rows are loaded before the things that
 * decide these, because of foreign keys). One set-based UPDATE each.
 */
export async function writeCounts(client: pg.PoolClient, population: Population, communities: CommunityDirectory): Promise<void> {
  const ids: string[] = [];
  const link: number[] = [];
  const comment: number[] = [];
  for (let user = 0; user < population.size; user++) {
    const l = population.linkKarma[user] as number;
    const c = population.commentKarma[user] as number;
    if (l === 0 && c === 0) continue;
    ids.push(population.id(user).toString());
    link.push(l);
    comment.push(c);
  }
  await client.query(
    `UPDATE users u SET link_karma = k.link, comment_karma = k.comment
       FROM unnest($1::bigint[], $2::int[], $3::int[]) AS k(id, link, comment) WHERE u.id = k.id`,
    [ids, link, comment],
  );
  await client.query(
    `UPDATE communities c SET subscribers = s.subscribers
       FROM unnest($1::bigint[], $2::int[]) AS s(id, subscribers) WHERE c.id = s.id`,
    [communities.ids.map(String), Array.from(communities.subscribers)],
  );
}
