import { type Deps, Prisma, inTransaction } from "@hivemind/db";
import { fromZodError, reportReasonSchema, type Viewer } from "@hivemind/core";
import { requireNotBanned } from "./permissions.js";
import { requireLive, requireThing, rowOf, tableKindOf } from "./things.js";

export interface ReportInput {
  /** Fullname of a post or comment (reddit's `thing_id`; PRAW sends `id`). */
  thingId: string;
  /** The reason as the client sent it: reddit's `reason`, or `other_reason` when reason is "other". */
  reason: string;
}

/**
 * Reports a post or comment to its community's moderators: one reports row per report (the mod
 * queue groups them), and one open report per user per thing: reporting it again while the
 * first awaits a moderator changes nothing (a unique partial index holds it under concurrency).
 * Refused: unknown thing (404), a deleted or removed thing (400; there is nothing left for
 * moderators to act on), a reporter banned from the community (400 BANNED), a bad reason (400
 * naming reason).
 */
export async function reportThing(deps: Deps, actor: Viewer, input: ReportInput): Promise<void> {
  const parsed = reportReasonSchema.safeParse(input.reason);
  if (!parsed.success) throw fromZodError(parsed.error, "reason");
  try {
    await fileReport(deps, actor, input.thingId, parsed.data);
  } catch (err) {
    // A concurrent twin got there first: the open report exists, which is all this asks.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return;
    throw err;
  }
}

async function fileReport(deps: Deps, actor: Viewer, thingId: string, reason: string): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const thing = await requireThing(tx, thingId, "thing_id");
    requireLive(thing, "thing_id");
    const row = rowOf(thing);
    await requireNotBanned(tx, actor, row.communityId, deps.now());
    const open = await tx.report.findFirst({ where: { reporterId: actor.userId, kind: tableKindOf(thing), thingId: row.id, resolvedAt: null }, select: { id: true } });
    if (open) return;
    await tx.report.create({
      data: {
        id: deps.ids.next(),
        thingId: row.id,
        kind: tableKindOf(thing),
        communityId: row.communityId,
        reporterId: actor.userId,
        reason,
        createdAt: new Date(deps.now()),
      },
    });
  });
}
