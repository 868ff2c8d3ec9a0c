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
}

/** The session as a page asks for it: also whether anything in the account's inbox is unread (the header's mark). */
export interface SessionWithMail extends SessionWithUser {
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
  has_mail?: boolean;
}

const SESSION_COLUMNS = "s.id, s.user_id, s.kind, s.scope, s.expires_at, u.name, u.is_admin, u.link_karma, u.comment_karma";
const FROM_SESSIONS = " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ANY($1::text[])";

/**
 * The sessions asked for in one turn (turnBatch), in one query; with `mail`, whether each
 * account's inbox holds anything unread (an EXISTS on a partial index). Only pages show that: the
 * API's requests, votes among them, do not pay for it.
 */
function findSessions(mail: boolean) {
  return async (pool: pg.Pool, ids: readonly string[]): Promise<(SessionWithMail | null)[]> => {
    const { rows } = await pool.query<Row>({
      name: mail ? "sessions-with-users-and-mail" : "sessions-with-users",
      text: `SELECT ${SESSION_COLUMNS}${mail ? ", EXISTS (SELECT 1 FROM inbox_items i WHERE i.user_id = u.id AND i.unread) AS has_mail" : ""}${FROM_SESSIONS}`,
      values: [[...new Set(ids)]],
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const r = byId.get(id);
      return r
        ? { userId: BigInt(r.user_id), kind: r.kind, scope: r.scope, expiresAt: r.expires_at, userName: r.name, isAdmin: r.is_admin, linkKarma: r.link_karma, commentKarma: r.comment_karma, hasMail: r.has_mail === true }
        : null;
    });
  };
}

const findPlain = findSessions(false);
const findWithMail = findSessions(true);

/**
 * A session by id with its account, or null: every authenticated request asks, so the lookups of
 * one turn are one raw query (turnBatch).
 */
export function findSessionWithUser(pool: pg.Pool, id: string): Promise<SessionWithUser | null> {
  return turnBatch(pool, "sessions-with-users", findPlain)(id);
}

/** findSessionWithUser for a page: with whether the inbox holds anything unread. */
export function findSessionWithMail(pool: pg.Pool, id: string): Promise<SessionWithMail | null> {
  return turnBatch(pool, "sessions-with-users-and-mail", findWithMail)(id);
}
