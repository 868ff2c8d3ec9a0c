import { type Deps, inTransaction } from "@hivemind/db";
import { fromZodError, reportReasonSchema, type Viewer } from "@hivemind/core";
import { requireLive, requireThing, rowOf, tableKindOf } from "./things.js";

export interface ReportInput {
  /** Fullname of a post or comment (reddit's `thing_id`; PRAW sends `id`). */
  thingId: string;
  /** The reason as the client sent it: reddit's `reason`, or `other_reason` when reason is "other". */
  reason: string;
}

/**
 * Reports a post or comment to its community's moderators: one reports row per report (the mod
 * queue groups them). Refused: unknown thing (404), a deleted or removed thing (400; there is
 * nothing left for moderators to act on), a bad reason (400 naming reason).
 */
export async function reportThing(deps: Deps, actor: Viewer, input: ReportInput): Promise<void> {
  const parsed = reportReasonSchema.safeParse(input.reason);
  if (!parsed.success) throw fromZodError(parsed.error, "reason");
  await inTransaction(deps, async (tx) => {
    const thing = await requireThing(tx, input.thingId, "thing_id");
    requireLive(thing, "thing_id");
    const row = rowOf(thing);
    await tx.report.create({
      data: {
        id: deps.ids.next(),
        thingId: row.id,
        kind: tableKindOf(thing),
        communityId: row.communityId,
        reporterId: actor.userId,
        reason: parsed.data,
        createdAt: new Date(deps.now()),
      },
    });
  });
}
