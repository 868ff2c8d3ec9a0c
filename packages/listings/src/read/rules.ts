import { isListed, type CommentView, type PostView } from "@hivemind/domain";

/** A hydrated listing item: a post, or a comment (a user's comments listing). */
export type ListedThing = { kind: "t3"; view: PostView } | { kind: "t1"; view: CommentView };

/**
 * The rules stage: the one visibility rule (packages/domain visibility.ts) applied to hydrated
 * items. Deleted things are never listed; removed ones only for the community's moderators; what
 * the viewer hid is not listed for them; an author banned from the community is not listed there
 * (but for its moderators). `banned` maps a community to the users banned from it now.
 */
export function listedFor(thing: ListedThing, banned: ReadonlyMap<bigint, ReadonlySet<bigint>>): boolean {
  const row = thing.view.row;
  const authorBanned = banned.get(row.communityId)?.has(row.authorId) === true;
  return isListed({ ...thing.view, authorBanned });
}
