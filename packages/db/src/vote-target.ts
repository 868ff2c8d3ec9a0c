import type pg from "pg";

/** What a vote needs to know of its thing (and the thing's post), read in one query. */
export interface VoteTarget {
  id: bigint;
  postId: bigint;
  authorId: bigint;
  communityId: bigint;
  deleted: boolean;
  removed: boolean;
  postDeleted: boolean;
  postRemoved: boolean;
  locked: boolean;
  /** The voter is banned from the thing's community now. */
  voterBanned: boolean;
}

const BANNED = `EXISTS (SELECT 1 FROM bans b WHERE b.community_id = t.community_id AND b.user_id = $2 AND (b.expires_at IS NULL OR b.expires_at > $3)) AS voter_banned`;

const SQL = {
  t3: `SELECT t.id, t.id AS post_id, t.author_id, t.community_id, t.deleted, t.removed,
              t.deleted AS post_deleted, t.removed AS post_removed, t.locked, ${BANNED}
         FROM posts t WHERE t.id = $1`,
  t1: `SELECT t.id, t.post_id, t.author_id, t.community_id, t.deleted, t.removed,
              p.deleted AS post_deleted, p.removed AS post_removed, p.locked, ${BANNED}
         FROM comments t JOIN posts p ON p.id = t.post_id WHERE t.id = $1`,
} as const;

interface Row {
  id: string;
  post_id: string;
  author_id: string;
  community_id: string;
  deleted: boolean;
  removed: boolean;
  post_deleted: boolean;
  post_removed: boolean;
  locked: boolean;
  voter_banned: boolean;
}

/**
 * The thing a vote is for, with its post's state and whether the voter is banned there, in one
 * raw query (votes are the hottest write: an ORM's three lookups cost more than the vote itself).
 * null when there is no such thing.
 */
export async function loadVoteTarget(pool: pg.Pool, kind: "t1" | "t3", id: bigint, voterId: bigint, now: number): Promise<VoteTarget | null> {
  const { rows } = await pool.query<Row>({ name: `vote-target-${kind}`, text: SQL[kind], values: [id.toString(), voterId.toString(), new Date(now)] });
  const r = rows[0];
  if (!r) return null;
  return {
    id: BigInt(r.id),
    postId: BigInt(r.post_id),
    authorId: BigInt(r.author_id),
    communityId: BigInt(r.community_id),
    deleted: r.deleted,
    removed: r.removed,
    postDeleted: r.post_deleted,
    postRemoved: r.post_removed,
    locked: r.locked,
    voterBanned: r.voter_banned,
  };
}
