import { z } from "zod";
import type { ModState, ViewerState } from "../domain/hydrate.js";

/** What presenters need from the request: the absolute origin for `url` fields. */
export interface PresentContext {
  origin: string;
}

/** The site origin as the client sees it (honours a reverse proxy's X-Forwarded-* headers). */
export function presentContextOf(req: Request): PresentContext {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  return { origin: `${proto}://${host}` };
}

export const DELETED = "[deleted]";
export const REMOVED = "[removed]";

/** reddit's title_to_url: lowercase words joined by "_", at most 50 characters, "_" if empty. */
export function slugOf(title: string): string {
  let slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (slug.length > 50) {
    slug = slug.slice(0, 50);
    const cut = slug.lastIndexOf("_");
    if (cut > 0) slug = slug.slice(0, cut);
  }
  return slug === "" ? "_" : slug;
}

/** `/r/S/comments/ID/slug/` (and `CID/` after it for a comment). */
export function permalinkOf(community: string, postId36: string, title: string, commentId36?: string): string {
  const base = `/r/${community}/comments/${postId36}/${slugOf(title)}/`;
  return commentId36 === undefined ? base : `${base}${commentId36}/`;
}

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
