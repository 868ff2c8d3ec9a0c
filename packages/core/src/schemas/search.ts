import { z } from "zod";
import { booleanParamSchema, listingParamsSchema } from "./params.js";

/** reddit's search sorts; relevance first (its default). */
export const SEARCH_SORTS = ["relevance", "hot", "top", "new", "comments"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** reddit refuses longer queries. */
export const SEARCH_QUERY_MAX = 512;

/**
 * reddit's search parameters (`/search`, `/r/{name}/search`; PRAW's subreddit.search()): `q`, the
 * sort, the time filter, `restrict_sr` (on a community's path: only that community) and the
 * listing's cursors. PRAW also sends `syntax` (lucene, cloudsearch, plain) and reddit takes a
 * `type`: every query here is read as plain words (websearch syntax: "quoted phrases", -without,
 * or), over posts.
 */
export const searchParamsSchema = listingParamsSchema.extend({
  q: z
    .string({ error: "search for something (q)" })
    .trim()
    .min(1, "search for something (q)")
    .max(SEARCH_QUERY_MAX, `the query is too long (max: ${SEARCH_QUERY_MAX})`),
  sort: z.enum(SEARCH_SORTS, { error: `sort must be one of ${SEARCH_SORTS.join(", ")}` }).default("relevance"),
  restrict_sr: booleanParamSchema.default(false),
  syntax: z.string().optional(),
  type: z.string().optional(),
});
export type SearchQueryParams = z.output<typeof searchParamsSchema>;
