import { type Fullname, type Viewer, KIND_COMMENT, KIND_POST } from "@hivemind/core";
import type { Db } from "@hivemind/db";
import { loadThingViews, type ThingView } from "./hydrate.js";

/** The open reports of one thing, tallied. */
export interface ReportTally {
  numReports: number;
  /** [reason, count] from users, most reported first. */
  userReports: [string, number][];
  /** [reason, moderator name] from the community's moderators. */
  modReports: [string, string][];
}

export type ModQueueEntry = { kind: "t3" | "t1"; id: bigint } & ReportTally;
export type ModQueueItem = ThingView & ReportTally;

const KIND_NUM = { t1: KIND_COMMENT, t3: KIND_POST } as const;

export interface ModQueueQuery {
  limit: number;
  /** The last thing of the previous page. */
  after?: Fullname<"t1" | "t3"> | undefined;
  /** Only posts or only comments (reddit's `only=links|comments`). */
  only?: "links" | "comments" | undefined;
}

/**
 * The skeleton of a community's report queue: every post and comment with
 * unresolved reports (approve or remove resolves them), most recently
 * reported first, with the reports tallied. `after` is the fullname of the
 * last thing of the previous page. Reads the partial index
 * reports_community_unresolved_idx.
 */
export async function modQueueSkeleton(db: Db, communityId: bigint, q: ModQueueQuery): Promise<{ entries: ModQueueEntry[]; hasMore: boolean }> {
  const open = { communityId, resolvedAt: null, ...(q.only ? { kind: q.only === "links" ? KIND_POST : KIND_COMMENT } : {}) };
  let below: bigint | undefined;
  if (q.after) {
    const agg = await db.report.aggregate({ where: { ...open, thingId: q.after.id, kind: KIND_NUM[q.after.kind] }, _max: { id: true } });
    below = agg._max.id ?? undefined;
  }
  const groups = await db.report.groupBy({
    by: ["thingId", "kind"],
    where: open,
    _max: { id: true },
    ...(below === undefined ? {} : { having: { id: { _max: { lt: below } } } }),
    orderBy: { _max: { id: "desc" } },
    take: q.limit + 1,
  });
  const page = groups.slice(0, q.limit);
  if (page.length === 0) return { entries: [], hasMore: false };

  const [reports, mods] = await Promise.all([
    db.report.findMany({ where: { ...open, thingId: { in: page.map((g) => g.thingId) } }, include: { reporter: { select: { name: true } } } }),
    db.moderator.findMany({ where: { communityId }, select: { userId: true } }),
  ]);
  const modIds = new Set(mods.map((m) => m.userId));
  const entries = page.map((g): ModQueueEntry => {
    const counts = new Map<string, number>();
    const modReports: [string, string][] = [];
    const mine = reports.filter((r) => r.thingId === g.thingId && r.kind === g.kind);
    for (const r of mine) {
      if (modIds.has(r.reporterId)) modReports.push([r.reason, r.reporter.name]);
      else counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
    }
    return {
      kind: g.kind === KIND_POST ? "t3" : "t1",
      id: g.thingId,
      numReports: mine.length,
      userReports: [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      modReports,
    };
  });
  return { entries, hasMore: groups.length > q.limit };
}

/** The report queue hydrated for `actor` (a moderator, so the moderation fields are filled). */
export async function loadModQueue(db: Db, actor: Viewer, communityId: bigint, q: ModQueueQuery): Promise<{ items: ModQueueItem[]; hasMore: boolean }> {
  const { entries, hasMore } = await modQueueSkeleton(db, communityId, q);
  const views = await loadThingViews(db, actor, entries);
  const byThing = new Map(views.map((v) => [`${v.kind}_${v.view.row.id}`, v]));
  const items = entries.flatMap(({ kind, id, ...tally }): ModQueueItem[] => {
    const view = byThing.get(`${kind}_${id}`);
    return view ? [{ ...view, ...tally }] : [];
  });
  return { items, hasMore };
}
