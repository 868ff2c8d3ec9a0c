import { formatFullname, parseFullname, type Viewer } from "@hivemind/core";
import { loadPostViews, type PostView } from "../hydrate.js";
import type { Reader } from "../things.js";
import { isListed } from "../visibility.js";

/**
 * The post listings the pages read (front page and a community), as one pipeline:
 * skeleton (ids, newest first) → hydrate (rows + the viewer's vote/saved/hidden) → rules (drop
 * what the viewer may not see) → the page presents. Only the skeleton knows where ids come from:
 * today Postgres by id (ids are time-ordered, so id order is "new"); the precomputed listings
 * (Redis/Cassandra, hot/top/…) replace `newPostIds` without touching the rest.
 */

export const PAGE_DEFAULT = 25;
export const PAGE_MAX = 100;

export interface ListPostsQuery {
  /** A community's id; absent for the front page (every community). */
  communityId?: bigint | undefined;
  /** t3 fullname: the page after (older than) this post. */
  after?: string | undefined;
  /** t3 fullname: the page before (newer than) this post. */
  before?: string | undefined;
  limit?: number | undefined;
}

export interface PostPage {
  /** Stickied posts of the community, first page only (not part of the cursor sequence). */
  stickies: PostView[];
  posts: PostView[];
  /** Fullname cursors for the next (older) and previous (newer) pages, or null. */
  after: string | null;
  before: string | null;
}

interface Skeleton {
  ids: bigint[];
  /** More ids exist past the end of `ids` in the paging direction. */
  more: boolean;
}

/** Cursor fullnames that do not parse are ignored (a stale or hand-edited URL shows page one). */
function cursorId(fullname: string | undefined): bigint | undefined {
  if (!fullname) return undefined;
  try {
    return parseFullname(fullname, ["t3"], "after").id;
  } catch {
    return undefined;
  }
}

/** Skeleton: newest-first post ids (deleted posts never listed), one page plus a look-ahead. */
async function newPostIds(db: Reader, q: { communityId?: bigint | undefined; after?: bigint | undefined; before?: bigint | undefined; limit: number }): Promise<Skeleton> {
  const backwards = q.before !== undefined && q.after === undefined;
  const idRange = q.after !== undefined ? { lt: q.after } : q.before !== undefined ? { gt: q.before } : undefined;
  const rows = await db.post.findMany({
    where: {
      deleted: false,
      ...(q.communityId !== undefined ? { communityId: q.communityId } : {}),
      ...(idRange ? { id: idRange } : {}),
    },
    orderBy: { id: backwards ? "asc" : "desc" },
    take: q.limit + 1,
    select: { id: true },
  });
  const ids = rows.slice(0, q.limit).map((r) => r.id);
  if (backwards) ids.reverse();
  return { ids, more: rows.length > q.limit };
}

/** A page of posts, newest first, hydrated for `actor`. */
export async function listPosts(db: Reader, actor: Viewer | null, q: ListPostsQuery): Promise<PostPage> {
  const limit = Math.min(PAGE_MAX, Math.max(1, q.limit ?? PAGE_DEFAULT));
  const after = cursorId(q.after);
  const before = after === undefined ? cursorId(q.before) : undefined;
  const skeleton = await newPostIds(db, { communityId: q.communityId, after, before, limit });
  const firstPage = after === undefined && before === undefined;

  let stickies: PostView[] = [];
  if (q.communityId !== undefined && firstPage) {
    const rows = await db.post.findMany({
      where: { communityId: q.communityId, stickyPosition: { not: null }, deleted: false },
      orderBy: { stickyPosition: "asc" },
      select: { id: true },
    });
    stickies = (await loadPostViews(db, actor, rows.map((r) => r.id))).filter(isListed);
  }
  // In a community, stickied posts live at the top of page one, not in the flow.
  const inFlow = (v: PostView) => q.communityId === undefined || v.row.stickyPosition === null;
  const views = (await loadPostViews(db, actor, skeleton.ids)).filter((v) => isListed(v) && inFlow(v));

  const firstId = skeleton.ids[0];
  const lastId = skeleton.ids.at(-1);
  const backwards = before !== undefined;
  // Forward: older pages exist when the skeleton had more; newer ones whenever we came by a cursor.
  const hasOlder = backwards ? lastId !== undefined : skeleton.more;
  const hasNewer = backwards ? skeleton.more : after !== undefined;
  return {
    stickies,
    posts: views,
    after: hasOlder && lastId !== undefined ? formatFullname("t3", lastId) : null,
    before: hasNewer && firstId !== undefined ? formatFullname("t3", firstId) : null,
  };
}
