import { inTransaction, type Deps } from "@hivemind/db";
import type { Fullname, Viewer } from "@hivemind/core";
import { lockTarget } from "./mod-target.js";
import { recordModAction, type ModActionName } from "./modlog.js";
import { requireModerator } from "./permissions.js";

/** A post's content flags: reddit's over_18 ("nsfw") and spoiler. */
export type PostFlag = "over18" | "spoiler";

const ACTIONS: Record<PostFlag, { on: ModActionName; off: ModActionName }> = {
  over18: { on: "marknsfw", off: "unmarknsfw" },
  spoiler: { on: "spoiler", off: "unspoiler" },
};

/**
 * Sets or clears a content flag. The author may, and so may a moderator of the community (admins
 * everywhere), whose change goes in the mod log. One transaction under the post's row lock;
 * a change that changes nothing writes nothing and still succeeds. Listings do not depend on the
 * flags, so no event is published: the API deletes the post's thing cache entry after the commit.
 */
export async function setPostFlag(deps: Deps, actor: Viewer, post: Fullname<"t3">, flag: PostFlag, on: boolean): Promise<boolean> {
  return inTransaction(deps, async (tx) => {
    const t = await lockTarget(tx, post);
    const byAuthor = t.authorId === actor.userId;
    if (!byAuthor) await requireModerator(tx, actor, t.communityId);
    if (t[flag] === on) return false;
    await tx.post.update({ where: { id: t.id }, data: { [flag]: on } });
    if (!byAuthor) {
      await recordModAction(tx, deps, {
        communityId: t.communityId,
        moderatorId: actor.userId,
        action: on ? ACTIONS[flag].on : ACTIONS[flag].off,
        targetFullname: t.fullname,
        targetAuthorId: t.authorId,
      });
    }
    return true;
  });
}
