import type pg from "pg";
import { turnBatch } from "./turn-batch.js";

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
  /** Something in the account's inbox is unread (the header's mail mark). */
  hasMail: boolean;
}

interface Row {
  id: string;
  user_id: string;
  kind: string;
  scope: string;
  expires_at: Date;
  name: string;
  is_admin: boolean;
  link_karma: number;
  comment_karma: number;
  has_mail: boolean;
}

/** The sessions asked for in one turn (turnBatch), in one query. */
async function findSessions(pool: pg.Pool, ids: readonly string[]): Promise<(SessionWithUser | null)[]> {
  const { rows } = await pool.query<Row>({
    name: "sessions-with-users",
    text:
      "SELECT s.id, s.user_id, s.kind, s.scope, s.expires_at, u.name, u.is_admin, u.link_karma, u.comment_karma," +
      " EXISTS (SELECT 1 FROM inbox_items i WHERE i.user_id = u.id AND i.unread) AS has_mail" +
      " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ANY($1::text[])",
    values: [[...new Set(ids)]],
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id);
    return r
      ? { userId: BigInt(r.user_id), kind: r.kind, scope: r.scope, expiresAt: r.expires_at, userName: r.name, isAdmin: r.is_admin, linkKarma: r.link_karma, commentKarma: r.comment_karma, hasMail: r.has_mail }
      : null;
  });
}

/**
 * A session by id with its account, or null: every authenticated request and page asks, so the
 * lookups of one turn are one raw query (turnBatch).
 */
export function findSessionWithUser(pool: pg.Pool, id: string): Promise<SessionWithUser | null> {
  return turnBatch(pool, "sessions-with-users", findSessions)(id);
}
