import { inTransaction, type Deps, type Message } from "@hivemind/db";
import {
  KIND_COMMENT,
  KIND_MESSAGE,
  NotFoundError,
  ValidationError,
  commentBodySchema,
  formatFullname,
  messageSubjectSchema,
  parseField,
  parseFullname,
  type Viewer,
} from "@hivemind/core";
import type { Prisma } from "@hivemind/db";
import { accountNamed } from "./account-named.js";
import { hasBlocked } from "./blocks.js";
import { loadCommentViews, type CommentView } from "./hydrate.js";
import type { Reader } from "./things.js";

/** A message with the names of who sent it and who it went to. */
export type MessageRow = Message & { author: { name: string }; recipient: { name: string } };
const messageInclude = { author: { select: { name: true } }, recipient: { select: { name: true } } } as const;

/** What an inbox lists: a message, or a reply to the reader's post or comment. */
export type InboxEntry = { kind: "t4"; message: MessageRow; unread: boolean } | { kind: "t1"; comment: CommentView; unread: boolean };

/** The inbox's views (reddit's /message/{where}): everything, the unread, messages only, replies only, and what the reader sent. */
export const INBOX_VIEWS = ["inbox", "unread", "messages", "comments", "sent"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** Stores a message and files it in the recipient's inbox, unless the recipient blocked its author (the sender still sees it as sent). */
async function deliver(tx: Prisma.TransactionClient, data: Prisma.MessageUncheckedCreateInput, opts: { evenIfBlocked?: boolean } = {}): Promise<Message> {
  const message = await tx.message.create({ data });
  if (opts.evenIfBlocked || !(await hasBlocked(tx, BigInt(data.recipientId), BigInt(data.authorId)))) {
    await tx.inboxItem.create({ data: { userId: data.recipientId, thingId: data.id, kind: KIND_MESSAGE, createdAt: data.createdAt } });
  }
  return message;
}

/**
 * A message written by the site on someone's behalf (a ban notice), in the caller's transaction.
 * It reaches the recipient even if they blocked the moderator who sent it: it tells them what
 * was done to their account.
 */
export function sendNotice(tx: Prisma.TransactionClient, deps: Pick<Deps, "ids" | "now">, notice: { authorId: bigint; recipientId: bigint; subject: string; body: string }): Promise<Message> {
  return deliver(tx, { id: deps.ids.next(), ...notice, subject: notice.subject.slice(0, 100), createdAt: new Date(deps.now()) }, { evenIfBlocked: true });
}

/** Sends a private message (reddit's /api/compose): the message and the recipient's inbox item in one transaction. */
export async function sendMessage(deps: Deps, actor: Viewer, input: { to: string; subject: string; text: string }): Promise<Message> {
  const subject = parseField(messageSubjectSchema, input.subject, "subject");
  const body = parseField(commentBodySchema, input.text, "text");
  return inTransaction(deps, async (tx) => {
    const recipientId = (await accountNamed(tx, input.to, "to")).id;
    return deliver(tx, { id: deps.ids.next(), authorId: actor.userId, recipientId, subject, body, createdAt: new Date(deps.now()) });
  });
}

/**
 * Answers a message the reader sent or received (reddit takes these through /api/comment with a
 * t4 parent): to the other side of the conversation, "re: " its subject.
 */
export async function replyToMessage(deps: Deps, actor: Viewer, parent: bigint, text: string): Promise<MessageRow> {
  const body = parseField(commentBodySchema, text, "text");
  return inTransaction(deps, async (tx) => {
    const to = await tx.message.findUnique({ where: { id: parent } });
    if (!to || (to.authorId !== actor.userId && to.recipientId !== actor.userId)) throw new NotFoundError("that message doesn't exist", { field: "thing_id" });
    const recipientId = to.authorId === actor.userId ? to.recipientId : to.authorId;
    const subject = /^re:/i.test(to.subject) ? to.subject : `re: ${to.subject}`.slice(0, 100);
    const sent = await deliver(tx, { id: deps.ids.next(), authorId: actor.userId, recipientId, subject, body, firstMessageId: to.firstMessageId ?? to.id, parentId: to.id, createdAt: new Date(deps.now()) });
    return tx.message.findUniqueOrThrow({ where: { id: sent.id }, include: messageInclude });
  });
}

/** Tells the author of what a new comment replies to (in the comment's transaction); not when they reply to themselves, nor when they blocked the replier. */
export async function notifyReply(tx: Prisma.TransactionClient, comment: { id: bigint; authorId: bigint; createdAt: Date }, parentAuthorId: bigint): Promise<void> {
  if (parentAuthorId === comment.authorId || (await hasBlocked(tx, parentAuthorId, comment.authorId))) return;
  await tx.inboxItem.create({ data: { userId: parentAuthorId, thingId: comment.id, kind: KIND_COMMENT, createdAt: comment.createdAt } });
}

export interface InboxPageQuery {
  limit: number;
  after?: string | undefined;
  before?: string | undefined;
}

export interface InboxPage {
  items: InboxEntry[];
  after: string | null;
  before: string | null;
}

function cursorId(value: string | undefined, field: string): bigint | undefined {
  return value === undefined ? undefined : parseFullname(value, ["t1", "t4"], field).id;
}

/**
 * A page of the reader's inbox, newest first, with reddit's after/before cursors (t1_/t4_
 * fullnames): every item, the unread, messages or replies only, or the messages they sent.
 */
export async function inboxPage(db: Reader, actor: Viewer, view: InboxView, q: InboxPageQuery): Promise<InboxPage> {
  const after = cursorId(q.after, "after");
  const before = after === undefined ? cursorId(q.before, "before") : undefined;
  const backwards = before !== undefined;
  const idRange = after !== undefined ? { lt: after } : before !== undefined ? { gt: before } : undefined;
  const dir = backwards ? ("asc" as const) : ("desc" as const);
  // The page's things as (kind, id), newest first, and whether more lie past it.
  let refs: { kind: "t1" | "t4"; id: bigint; unread: boolean }[];
  let sent: MessageRow[] | undefined;
  if (view === "sent") {
    sent = await db.message.findMany({ where: { authorId: actor.userId, ...(idRange ? { id: idRange } : {}) }, orderBy: { id: dir }, take: q.limit + 1, include: messageInclude });
    refs = sent.map((m) => ({ kind: "t4", id: m.id, unread: false }));
  } else {
    const items = await db.inboxItem.findMany({
      where: {
        userId: actor.userId,
        ...(view === "unread" ? { unread: true } : {}),
        ...(view === "messages" ? { kind: KIND_MESSAGE } : view === "comments" ? { kind: KIND_COMMENT } : {}),
        ...(idRange ? { thingId: idRange } : {}),
      },
      orderBy: { thingId: dir },
      take: q.limit + 1,
    });
    refs = items.map((i) => ({ kind: i.kind === KIND_MESSAGE ? "t4" : "t1", id: i.thingId, unread: i.unread }));
  }
  const more = refs.length > q.limit;
  const page = refs.slice(0, q.limit);
  if (backwards) page.reverse();
  const [messages, comments] = await Promise.all([
    sent ?? db.message.findMany({ where: { id: { in: page.filter((r) => r.kind === "t4").map((r) => r.id) } }, include: messageInclude }),
    loadCommentViews(db, actor, page.filter((r) => r.kind === "t1").map((r) => r.id)),
  ]);
  const messageById = new Map(messages.map((m) => [m.id, m]));
  const commentById = new Map(comments.map((c) => [c.row.id, c]));
  const items: InboxEntry[] = [];
  for (const r of page) {
    const message = r.kind === "t4" ? messageById.get(r.id) : undefined;
    const comment = r.kind === "t1" ? commentById.get(r.id) : undefined;
    if (message) items.push({ kind: "t4", message, unread: r.unread });
    else if (comment) items.push({ kind: "t1", comment, unread: r.unread });
  }
  const nameOf = (r: { kind: "t1" | "t4"; id: bigint } | undefined) => (r ? formatFullname(r.kind, r.id) : null);
  const cursored = q.after !== undefined || q.before !== undefined;
  return {
    items,
    after: backwards ? nameOf(page.at(-1)) : more ? nameOf(page.at(-1)) : null,
    before: backwards ? (more ? nameOf(page[0]) : null) : cursored ? nameOf(page[0]) : null,
  };
}

/** The thing id an inbox entry is filed under (its message's or its reply's). */
export function inboxThingId(entry: InboxEntry): bigint {
  return entry.kind === "t4" ? entry.message.id : entry.comment.row.id;
}

/** Marks inbox items (t1_/t4_ fullnames, comma-separated as reddit takes them) read or unread; ids not in the reader's inbox change nothing. */
export async function markInbox(deps: Pick<Deps, "db">, actor: Viewer, ids: string, unread: boolean): Promise<void> {
  const names = ids.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new ValidationError("name a message or comment (id)", { code: "NO_THING_ID", field: "id" });
  if (names.length > 100) throw new ValidationError("at most 100 at once", { code: "BAD_REQUEST", field: "id" });
  await markInboxItems(deps, actor, names.map((n) => parseFullname(n, ["t1", "t4"], "id").id), unread);
}

/** Marks the reader's inbox items filed under these thing ids (inboxThingId) read or unread. */
export async function markInboxItems(deps: Pick<Deps, "db">, actor: Viewer, thingIds: readonly bigint[], unread: boolean): Promise<void> {
  if (thingIds.length === 0) return;
  await deps.db.inboxItem.updateMany({ where: { userId: actor.userId, thingId: { in: [...thingIds] } }, data: { unread } });
}

/** How many items of the account's inbox are unread (/api/v1/me's inbox_count). */
export function unreadCount(db: Reader, userId: bigint): Promise<number> {
  return db.inboxItem.count({ where: { userId, unread: true } });
}

/** Marks the reader's whole inbox read (reddit's /api/read_all_messages). */
export async function markAllRead(deps: Pick<Deps, "db">, actor: Viewer): Promise<void> {
  await deps.db.inboxItem.updateMany({ where: { userId: actor.userId, unread: true }, data: { unread: false } });
}
