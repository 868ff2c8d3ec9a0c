import type pg from "pg";
import { turnBatch } from "./turn-batch.js";

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

const BANNED = `EXISTS (SELECT 1 FROM bans b WHERE b.community_id = t.community_id AND b.user_id = k.voter AND (b.expires_at IS NULL OR b.expires_at > k.at)) AS voter_banned`;
const KEYS = "unnest($1::bigint[], $2::bigint[], $3::timestamptz[]) WITH ORDINALITY AS k(id, voter, at, i)";

const SQL = {
  t3: `SELECT k.i, t.id, t.id AS post_id, t.author_id, t.community_id, t.deleted, t.removed,
              t.deleted AS post_deleted, t.removed AS post_removed, t.locked, ${BANNED}
         FROM ${KEYS} JOIN posts t ON t.id = k.id`,
  t1: `SELECT k.i, t.id, t.post_id, t.author_id, t.community_id, t.deleted, t.removed,
              p.deleted AS post_deleted, p.removed AS post_removed, p.locked, ${BANNED}
         FROM ${KEYS} JOIN comments t ON t.id = k.id JOIN posts p ON p.id = t.post_id`,
} as const;

interface Row {
  /** The key's position in the batch, from 1. */
  i: string;
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

interface Key {
  id: bigint;
  voterId: bigint;
  now: number;
}

function targetOf(r: Row): VoteTarget {
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

function loadTargets(kind: "t1" | "t3") {
  return async (pool: pg.Pool, keys: readonly Key[]): Promise<(VoteTarget | null)[]> => {
    const { rows } = await pool.query<Row>({
      name: `vote-targets-${kind}`,
      text: SQL[kind],
      values: [keys.map((k) => k.id.toString()), keys.map((k) => k.voterId.toString()), keys.map((k) => new Date(k.now))],
    });
    const byIndex = new Map(rows.map((r) => [Number(r.i) - 1, r]));
    return keys.map((_, i) => {
      const r = byIndex.get(i);
      return r ? targetOf(r) : null;
    });
  };
}

const LOADERS = { t1: loadTargets("t1"), t3: loadTargets("t3") };

/**
 * The thing a vote is for, with its post's state and whether the voter is banned there, or null
 * when there is no such thing: one raw query for the votes of one turn (turnBatch; votes are the
 * hottest write: an ORM's three lookups per vote cost more than the vote itself).
 */
export function loadVoteTarget(pool: pg.Pool, kind: "t1" | "t3", id: bigint, voterId: bigint, now: number): Promise<VoteTarget | null> {
  return turnBatch(pool, `vote-targets-${kind}`, LOADERS[kind])({ id, voterId, now });
}
