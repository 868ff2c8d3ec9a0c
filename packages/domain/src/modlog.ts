import type { Db, ModAction, Prisma, Deps } from "@hivemind/db";
import { formatFullname, parseFullname } from "@hivemind/core";
import { contentState } from "./visibility.js";

/** Reddit's mod log action names, as far as hivemind moderates. */
export const MOD_ACTIONS = [
  "removelink",
  "spamlink",
  "removecomment",
  "spamcomment",
  "approvelink",
  "approvecomment",
  "lock",
  "unlock",
  "sticky",
  "unsticky",
  "marknsfw",
  "unmarknsfw",
  "spoiler",
  "unspoiler",
  "banuser",
  "unbanuser",
  "addmoderator",
  "removemoderator",
] as const;
export type ModActionName = (typeof MOD_ACTIONS)[number];

export interface ModActionInput {
  communityId: bigint;
  moderatorId: bigint;
  action: ModActionName;
  targetFullname?: string | null;
  targetAuthorId?: bigint | null;
  /** Reddit's short `details` ("permanent", "7 days", "spam", "slot 1"…). */
  details?: string | null;
  /** The why: a ban reason, a moderator note. */
  description?: string | null;
}

/**
 * The mod_actions.details column holds both of reddit's free-text fields as a
 * small JSON object `{"details": …, "description": …}` (one column, no
 * migration); decodeModActionText reads it back, tolerating plain text.
 */
export function encodeModActionText(details: string | null | undefined, description: string | null | undefined): string {
  return JSON.stringify({ details: details || null, description: description || null });
}

export function decodeModActionText(stored: string): { details: string | null; description: string | null } {
  if (stored === "") return { details: null, description: null };
  try {
    const v = JSON.parse(stored) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return {
        details: typeof o.details === "string" ? o.details : null,
        description: typeof o.description === "string" ? o.description : null,
      };
    }
  } catch {
    /* plain text */
  }
  return { details: stored, description: null };
}

/** Writes one mod log row; call inside the transaction that makes the change. */
export async function recordModAction(tx: Prisma.TransactionClient, deps: Pick<Deps, "ids" | "now">, input: ModActionInput): Promise<ModAction> {
  return tx.modAction.create({
    data: {
      id: deps.ids.next(),
      communityId: input.communityId,
      moderatorId: input.moderatorId,
      action: input.action,
      targetFullname: input.targetFullname ?? null,
      targetAuthorId: input.targetAuthorId ?? null,
      details: encodeModActionText(input.details, input.description),
      createdAt: new Date(deps.now()),
    },
  });
}

export interface ModLogQuery {
  limit: number;
  /** Older than this mod action id. */
  after?: bigint | undefined;
  /** Newer than this mod action id. */
  before?: bigint | undefined;
  /** Only these actions. */
  type?: ModActionName | undefined;
  /** Only by these moderators. */
  moderatorIds?: bigint[] | undefined;
  /**
   * The viewer moderates the community: they see who wrote removed content, as its own view
   * shows them. Everyone else sees "[deleted]" for the author of a removed thing, and everyone
   * for a deleted one: the public log reveals no more than the thing's own view.
   */
  viewerModerates?: boolean | undefined;
}

export interface ModLogEntry {
  action: ModAction;
  moderatorName: string;
  targetAuthorName: string | null;
}

export interface ModLogPage {
  entries: ModLogEntry[];
  /** More entries exist past the last one (older). */
  hasMore: boolean;
}

/**
 * A page of a community's mod log, newest first. Ids are time-ordered, so the
 * id is the cursor: `after` pages to older entries, `before` to newer ones
 * (the entries just above the cursor, still listed newest first).
 */
export async function listModActions(db: Db, communityId: bigint, q: ModLogQuery): Promise<ModLogPage> {
  const where: Prisma.ModActionWhereInput = { communityId };
  if (q.type) where.action = q.type;
  if (q.moderatorIds) where.moderatorId = { in: q.moderatorIds };
  const newer = q.before !== undefined && q.after === undefined;
  if (q.after !== undefined) where.id = { lt: q.after };
  else if (q.before !== undefined) where.id = { gt: q.before };

  const rows = await db.modAction.findMany({
    where,
    orderBy: { id: newer ? "asc" : "desc" },
    take: q.limit + 1,
    include: { moderator: { select: { name: true } } },
  });
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (newer) page.reverse();

  const authorIds = [...new Set(page.flatMap((r) => (r.targetAuthorId === null ? [] : [r.targetAuthorId])))];
  const authors = authorIds.length === 0 ? [] : await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } });
  const authorName = new Map(authors.map((a) => [a.id, a.name]));
  const hidden = await authorsHidden(db, page.map((r) => r.targetFullname), q.viewerModerates === true);

  return {
    // Paging newer (before=): the cursor entry itself is older, so there is more.
    hasMore: newer ? page.length > 0 : hasMore,
    entries: page.map(({ moderator, ...action }) => ({
      action,
      moderatorName: moderator.name,
      targetAuthorName:
        action.targetAuthorId === null ? null : hidden.has(action.targetFullname ?? "") ? "[deleted]" : (authorName.get(action.targetAuthorId) ?? "[deleted]"),
    })),
  };
}

/** The post and comment fullnames among `targets` whose author the viewer may not see (visibility.ts's rule). */
async function authorsHidden(db: Db, targets: (string | null)[], viewerModerates: boolean): Promise<Set<string>> {
  const posts: bigint[] = [];
  const comments: bigint[] = [];
  for (const t of targets) {
    if (!t) continue;
    try {
      const f = parseFullname(t, ["t1", "t3", "t2"]);
      if (f.kind === "t3") posts.push(f.id);
      else if (f.kind === "t1") comments.push(f.id);
    } catch {
      /* not a thing */
    }
  }
  const select = { id: true, removed: true, deleted: true } as const;
  const [p, c] = await Promise.all([
    posts.length ? db.post.findMany({ where: { id: { in: posts } }, select }) : [],
    comments.length ? db.comment.findMany({ where: { id: { in: comments } }, select }) : [],
  ]);
  const mod = viewerModerates ? {} : null;
  const out = new Set<string>();
  for (const [kind, rows] of [["t3", p], ["t1", c]] as const) {
    for (const row of rows) if (contentState({ row, mod }) !== "shown") out.add(formatFullname(kind, row.id));
  }
  return out;
}
