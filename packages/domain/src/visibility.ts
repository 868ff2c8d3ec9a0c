/**
 * The one rule for what a viewer may see of a post or comment. Deleted (by its author): its
 * content and author are gone for everyone. Removed (by a moderator): gone for everyone but the
 * community's moderators (a hydrated view carries `mod` exactly when the viewer moderates).
 */
export interface Visible {
  row: { removed: boolean; deleted: boolean };
  /** Present when the viewer moderates the thing's community. */
  mod: unknown;
}

export type ContentState = "shown" | "deleted" | "removed";

/** What the viewer sees of the thing's content: shown, or hidden as deleted or removed. */
export function contentState(view: Visible): ContentState {
  if (view.row.deleted) return "deleted";
  if (view.row.removed && !view.mod) return "removed";
  return "shown";
}

/** Whether the viewer sees the content and author at all. */
export function isContentShown(view: Visible): boolean {
  return contentState(view) === "shown";
}

/**
 * Whether a thing belongs in the viewer's listings: not deleted, not removed (unless they
 * moderate it), not hidden by the viewer, and not by an author banned from its community (unless
 * they moderate it: a ban takes the author's things out of the community's listings, the post
 * pages keep them). Comment trees keep gone comments as placeholders instead, so a thread keeps
 * its shape.
 */
export function isListed(view: Visible & { viewer?: { hidden?: boolean }; authorBanned?: boolean }): boolean {
  return isContentShown(view) && view.viewer?.hidden !== true && !(view.authorBanned === true && !view.mod);
}
