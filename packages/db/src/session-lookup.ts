import type pg from "pg";

/** A session row with the account fields a request needs. */
export interface SessionWithUser {
  userId: bigint;
  kind: string;
  scope: string;
  expiresAt: Date;
  userName: string;
  isAdmin: boolean;
  linkKarma: number;
  commentKarma: number;
}

/** A session by id with its account, in one raw query (every authenticated request and page asks), or null. */
export async function findSessionWithUser(pool: pg.Pool, id: string): Promise<SessionWithUser | null> {
  const { rows } = await pool.query<{ user_id: string; kind: string; scope: string; expires_at: Date; name: string; is_admin: boolean; link_karma: number; comment_karma: number }>({
    name: "session-with-user",
    text: "SELECT s.user_id, s.kind, s.scope, s.expires_at, u.name, u.is_admin, u.link_karma, u.comment_karma FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1",
    values: [id],
  });
  const r = rows[0];
  return r
    ? { userId: BigInt(r.user_id), kind: r.kind, scope: r.scope, expiresAt: r.expires_at, userName: r.name, isAdmin: r.is_admin, linkKarma: r.link_karma, commentKarma: r.comment_karma }
    : null;
}
