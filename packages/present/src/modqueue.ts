import { z } from "zod";
import { formatFullname } from "@hivemind/core";
import type { ModQueueItem } from "@hivemind/domain";
import type { PresentContext } from "./common.js";
import { commentThingSchema, presentComment } from "./comment.js";
import { linkThingSchema, presentLink } from "./link.js";

/** A report queue entry: the t3/t1 as moderators see it, with reddit's report fields. */
export function presentModQueueItem(item: ModQueueItem, ctx: PresentContext) {
  const reports = {
    num_reports: item.numReports,
    user_reports: item.userReports,
    mod_reports: item.modReports,
    report_reasons: [...item.userReports.map(([r]) => r), ...item.modReports.map(([r]) => r)],
  };
  if (item.kind === "t3") {
    const thing = presentLink(item.view, ctx);
    return { kind: thing.kind, data: { ...thing.data, ...reports } };
  }
  const thing = presentComment(item.view, ctx, { withLink: true });
  return { kind: thing.kind, data: { ...thing.data, ...reports } };
}

export function modQueueFullnameOf(item: ModQueueItem): string {
  return item.kind === "t3" ? formatFullname("t3", item.view.row.id) : formatFullname("t1", item.view.row.id);
}

const reportFields = {
  num_reports: z.number().int(),
  user_reports: z.array(z.tuple([z.string(), z.number().int()])),
  mod_reports: z.array(z.tuple([z.string(), z.string()])),
};

export const modQueueThingSchema = z.union([
  linkThingSchema.extend({ data: linkThingSchema.shape.data.extend(reportFields) }),
  commentThingSchema.extend({ data: commentThingSchema.shape.data.extend(reportFields) }),
]);
