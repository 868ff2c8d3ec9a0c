import { z } from "zod";

export interface Listing<T> {
  kind: "Listing";
  data: { after: string | null; before: string | null; dist: number | null; modhash: string; geo_filter: string; children: T[] };
}

/** reddit's Listing envelope; `after` is always present (PRAW's paginator reads it). */
export function listing<T>(children: T[], cursors: { after?: string | null; before?: string | null; dist?: boolean } = {}): Listing<T> {
  return {
    kind: "Listing",
    data: {
      after: cursors.after ?? null,
      before: cursors.before ?? null,
      dist: cursors.dist ? children.length : null,
      modhash: "",
      geo_filter: "",
      children,
    },
  };
}

export function listingSchema(child: z.ZodType) {
  return z.object({
    kind: z.literal("Listing"),
    data: z.looseObject({ after: z.string().nullable(), before: z.string().nullable(), children: z.array(child) }),
  });
}
