import { inTransaction, enqueueEvents, newEvent, type Comment, type Db, type Deps, type Post, type Prisma } from "@hivemind/db";
import {
  ForbiddenError,
  commentBodySchema,
  fromZodError,
  selftextSchema,
  NotFoundError,
  ValidationError,
  formatFullname,
  parseFullname,
  toBase36,
  type FullnameString,
  KIND_COMMENT,
  KIND_POST,
} from "@hivemind/core";
import type { Viewer } from "@hivemind/core";
import { requireNotBanned } from "./permissions.js";

/** Anything that reads: the client or an interactive transaction. */
export type Reader = Db | Prisma.TransactionClient;


export type LoadedThing = { kind: "t3"; post: Post } | { kind: "t1"; comment: Comment; post: Post };

/** Looks a comment up by id alone (the comments_id index; its partition key is the post). */
export async function findComment(db: Reader, id: bigint): Promise<Comment | null> {
  return db.comment.findFirst({ where: { id } });
}

/**
 * The post or comment a fullname names (a comment with its post), or null. Throws
 * ValidationError (INVALID_ID naming `field`) for a malformed fullname or another kind.
 */
export async function findThing(db: Reader, fullname: string, field = "id"): Promise<LoadedThing | null> {
  const { kind, id } = parseFullname(fullname, ["t1", "t3"], field);
  if (kind === "t3") {
    const post = await db.post.findUnique({ where: { id } });
    return post ? { kind, post } : null;
  }
  const comment = await findComment(db, id);
  if (!comment) return null;
  const post = await db.post.findUnique({ where: { id: comment.postId } });
  return post ? { kind, comment, post } : null;
}

/** findThing, or NotFoundError naming `field`. */
export async function requireThing(db: Reader, fullname: string, field = "id"): Promise<LoadedThing> {
  const thing = await findThing(db, fullname, field);
  if (!thing) throw new NotFoundError(`${fullname} does not exist`, { field });
  return thing;
}

/** The row of the thing itself (the comment for t1, the post for t3). */
export function rowOf(thing: LoadedThing): Post | Comment {
  return thing.kind === "t3" ? thing.post : thing.comment;
}

export function fullnameOf(thing: LoadedThing): FullnameString<"t1" | "t3"> {
  return thing.kind === "t3" ? formatFullname("t3", thing.post.id) : formatFullname("t1", thing.comment.id);
}

export function tableKindOf(thing: LoadedThing): number {
  return thing.kind === "t3" ? KIND_POST : KIND_COMMENT;
}

/** The fields every thing.* event carries. */
export function thingEventData(thing: LoadedThing, by: bigint) {
  const row = rowOf(thing);
  return {
    thing: fullnameOf(thing),
    post: formatFullname("t3", thing.post.id),
    community: toBase36(row.communityId),
    author: toBase36(row.authorId),
    by: toBase36(by),
  };
}

/** Only the author may edit or delete a thing (moderators remove, they don't delete). */
export function requireAuthor(thing: LoadedThing, actor: Viewer, field = "id"): void {
  if (rowOf(thing).authorId !== actor.userId) {
    throw new ForbiddenError("only the author can do that", { code: "NOT_AUTHOR", field });
  }
}

/** Refuses a deleted or removed thing (and a thing whose post is deleted or removed). */
export function requireLive(thing: LoadedThing, field = "id"): void {
  requireLiveRows(thing.kind === "t3" ? [thing.post] : [thing.comment, thing.post], field);
}

/** requireLive over the rows' flags: the thing's own first, then its post's. */
export function requireLiveRows(rows: readonly { deleted: boolean; removed: boolean }[], field = "id"): void {
  for (const row of rows) {
    if (row.deleted) throw new ValidationError("that has been deleted", { code: "DELETED", field });
    if (row.removed) throw new ValidationError("that has been removed", { code: "REMOVED", field });
  }
}

/** Parses a comma list of fullnames (reddit's `id=t3_a,t3_b`), at most `max`. */
export function parseFullnameList<K extends "t1" | "t3">(list: string, kinds: readonly K[], field: string, max: number) {
  const parts = list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (parts.length === 0) throw new ValidationError("no ids given", { code: "NO_THING_ID", field });
  if (parts.length > max) throw new ValidationError(`at most ${max} ids`, { code: "TOO_LONG", field });
  return [...new Set(parts)].map((s) => parseFullname(s, kinds, field));
}

export interface EditInput {
  thingId: string;
  text: string;
}

/**
 * The author edits a self post's text or a comment's body (markdown). One transaction: the row
 * (body, edited_at) and thing.edited. Refused: not the author (403 NOT_AUTHOR), an author banned
 * from the community (400 BANNED), a link post or a deleted thing (400), bad text (400 naming text).
 */
export async function editUserText(deps: Deps, actor: Viewer, input: EditInput): Promise<LoadedThing> {
  return inTransaction(deps, async (tx) => {
    const thing = await requireThing(tx, input.thingId, "thing_id");
    requireAuthor(thing, actor, "thing_id");
    await requireNotBanned(tx, actor, rowOf(thing).communityId, deps.now());
    if (rowOf(thing).deleted) throw new ValidationError("that has been deleted", { code: "DELETED", field: "thing_id" });
    if (thing.kind === "t3" && thing.post.kind !== "self") {
      throw new ValidationError("only self posts have text to edit", { code: "BAD_REQUEST", field: "thing_id" });
    }
    const parsed = (thing.kind === "t1" ? commentBodySchema : selftextSchema).safeParse(input.text);
    if (!parsed.success) throw fromZodError(parsed.error, "text");
    const now = deps.now();
    const data = { body: parsed.data, editedAt: new Date(now) };
    const updated: LoadedThing =
      thing.kind === "t3"
        ? { kind: "t3", post: await tx.post.update({ where: { id: thing.post.id }, data }) }
        : {
            kind: "t1",
            post: thing.post,
            comment: await tx.comment.update({ where: { postId_id: { postId: thing.comment.postId, id: thing.comment.id } }, data }),
          };
    await enqueueEvents(tx, [newEvent("thing.edited", thingEventData(thing, actor.userId), now)]);
    return updated;
  });
}

/**
 * The author deletes a post or comment: the row stays (deleted = true) so the thread keeps its
 * shape; it shows as "[deleted]". One transaction with thing.deleted. Deleting again changes
 * nothing. Refused: not the author (403 NOT_AUTHOR), unknown thing (404).
 */
export async function deleteThing(deps: Deps, actor: Viewer, input: { id: string }): Promise<{ changed: boolean }> {
  return inTransaction(deps, async (tx) => {
    const thing = await requireThing(tx, input.id, "id");
    requireAuthor(thing, actor, "id");
    if (rowOf(thing).deleted) return { changed: false };
    const now = deps.now();
    if (thing.kind === "t3") await tx.post.update({ where: { id: thing.post.id }, data: { deleted: true } });
    else await tx.comment.update({ where: { postId_id: { postId: thing.comment.postId, id: thing.comment.id } }, data: { deleted: true } });
    await enqueueEvents(tx, [newEvent("thing.deleted", thingEventData(thing, actor.userId), now)]);
    return { changed: true };
  });
}
