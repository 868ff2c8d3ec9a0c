import { z } from "zod";
import type { ModState, ViewerState } from "@hivemind/domain";

/** What presenters need from the request: the absolute origin for `url` fields. */
export interface PresentContext {
  origin: string;
}

export const DELETED = "[deleted]";
export const REMOVED = "[removed]";

/** Unix seconds as a float, as reddit's created/created_utc. */
export function epochSeconds(d: Date): number {
  return d.getTime() / 1000;
}

/** reddit's `edited`: false, or when (Unix seconds). */
export function editedValue(d: Date | null): false | number {
  return d === null ? false : epochSeconds(d);
}

/** true / false / null: the viewer's vote. */
export function likesOf(viewer: ViewerState): boolean | null {
  return viewer.vote === 1 ? true : viewer.vote === -1 ? false : null;
}

/** The moderation fields of a t1/t3; nulls for a viewer who does not moderate here. */
export function modFields(mod: ModState | null, row: { removed: boolean }) {
  if (!mod) {
    return {
      approved_by: null,
      banned_by: null,
      removed: undefined,
      approved: undefined,
      num_reports: null,
      user_reports: [],
      mod_reports: [],
      report_reasons: null,
      removal_reason: null,
      can_mod_post: false,
    };
  }
  return {
    approved_by: mod.approvedBy,
    banned_by: row.removed ? (mod.removedBy ?? true) : null,
    removed: row.removed,
    approved: mod.approvedBy !== null && !row.removed,
    num_reports: mod.reports.reduce((n, [, c]) => n + c, 0),
    user_reports: mod.reports,
    mod_reports: [],
    report_reasons: mod.reports.map(([r]) => r),
    removal_reason: null,
    can_mod_post: true,
  };
}

/** `{kind, data}` with data loose (every field documented is listed in the kind's schema). */
export function thingEnvelopeSchema<K extends string>(kind: K, data: z.ZodType) {
  return z.object({ kind: z.literal(kind), data });
}

/** reddit's `{json:{errors:[]}}` write response, optionally with data. */
export function jsonOk<D>(data?: D): { json: { errors: []; data?: D } } {
  return data === undefined ? { json: { errors: [] } } : { json: { errors: [], data } };
}

export const jsonOkSchema = z.object({ json: z.object({ errors: z.array(z.tuple([z.string(), z.string(), z.string()])).length(0) }) });

/** reddit's "noresponse" endpoints answer `{}`. */
export const emptySchema = z.object({}).strict();
