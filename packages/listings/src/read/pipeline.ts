import { linkSortValue, parseFullname, type LinkSort, type Viewer } from "@hivemind/core";
import type { Db } from "@hivemind/db";
import { hydrateComments, hydratePosts, type PostView } from "@hivemind/domain";
import type { CommunityFacts } from "./community-facts.js";
import { pageCursors, pageLimit, pageWindow, takePositions, type PageRequest } from "./cursor.js";
import { listedFor, type ListedThing } from "./rules.js";
import type { ListingSnapshot, ListingSource } from "./skeleton.js";
import { localCopiesFor, type ThingCache, type ThingLoadStats } from "./thing-cache.js";

/**
 * The listing read path, one pipeline (atproto's shape):
 *
 *   skeleton  the listing's ids, whole, from the store (Redis → Cassandra → Postgres rebuild)
 *   hydrate   rows from the thing cache (one MGET per ring node; misses from Postgres, written
 *             back) and the viewer's vote/saved/hidden and moderation fields (Postgres, batched)
 *   rules     the one visibility rule: deleted, removed, hidden by the viewer, banned author
 *   present   by the caller: reddit Listing JSON (present.ts) or the page's view model
 *
 * A page walks the skeleton from its cursor; items the rules drop are replaced by the next ones,
 * in batches that double, so a page is short only where the listing ends (or after SCAN_MAX items
 * dropped in a row, which only a listing gone stale can hold).
 */

export interface ListingPage {
  items: ListedThing[];
  /** Stickied posts shown above the first page of a community's hot listing. */
  stickies: PostView[];
  after: string | null;
  before: string | null;
  /** Where the skeleton came from (the merged front page: the least fresh of its parts). */
  source: ListingSource;
}

export interface PipelineDeps {
  db: Db;
  things: ThingCache;
  facts: CommunityFacts;
  now: () => number;
}

export interface PageOptions extends PageRequest {
  /**
   * The listing's sort, to place a cursor item that has left the listing; null for a skeleton
   * computed on each read (search), where a cursor that has left ends the results.
   */
  sort: LinkSort | null;
  /** Show this community's stickied posts above page one, and keep them out of the flow. */
  stickiesOf?: bigint | undefined;
  stats?: ThingLoadStats | undefined;
}

/** Extra items hydrated per page, so a few dropped by the rules rarely need a second round. */
const FILL_MARGIN = 5;
/** The most items one page hydrates: a listing's cap. */
const SCAN_MAX = 1000;

/** Hydrate + rules for fullnames in order: the listed ones, hydrated for `actor`. */
export async function hydrateListed(deps: PipelineDeps, actor: Viewer | null, fullnames: readonly string[], stats?: ThingLoadStats): Promise<(ListedThing | null)[]> {
  const local = localCopiesFor(actor);
  const rows = await deps.things.load(fullnames, stats, local);
  const postRows = [...rows.posts.values()];
  const commentRows = [...rows.comments.values()];
  const communities = [...postRows, ...commentRows].map((r) => r.communityId);
  const [posts, comments, banned] = await Promise.all([
    hydratePosts(deps.db, actor, postRows),
    hydrateComments(deps.db, actor, commentRows),
    deps.facts.bannedUsers(communities, local),
  ]);
  const postById = new Map(posts.map((v) => [v.row.id, v]));
  const commentById = new Map(comments.map((v) => [v.row.id, v]));
  return fullnames.map((name) => {
    const { kind, id } = parseFullname(name, ["t1", "t3"], "id");
    const thing: ListedThing | undefined =
      kind === "t3" ? wrap("t3", postById.get(id)) : wrap("t1", commentById.get(id));
    return thing && listedFor(thing, banned) ? thing : null;
  });
}

function wrap<K extends ListedThing["kind"]>(kind: K, view: Extract<ListedThing, { kind: K }>["view"] | undefined): ListedThing | undefined {
  return view === undefined ? undefined : ({ kind, view } as ListedThing);
}

/** One page of a listing whose skeleton is `snapshot`, for `actor`. */
export async function readPage(deps: PipelineDeps, actor: Viewer | null, snapshot: ListingSnapshot, opts: PageOptions): Promise<ListingPage> {
  const items = snapshot.items;
  const limit = pageLimit(opts.limit);
  const firstPage = !opts.after && !opts.before;
  const stickyIds = opts.stickiesOf !== undefined ? await deps.facts.stickies(opts.stickiesOf, localCopiesFor(actor)) : [];
  const stickyNames = new Set(stickyIds.map((id) => `t3_${id.toString(36)}`));

  const sort = opts.sort;
  const window = await pageWindow(items, opts, sort === null ? undefined : (name) => currentSortValue(deps, name, sort));
  const kept: { index: number; thing: ListedThing }[] = [];
  let taken = 0;
  let first: number | null = null;
  let last: number | null = null;
  for (let batch = limit + FILL_MARGIN; kept.length < limit && taken < SCAN_MAX; batch *= 2) {
    const positions = takePositions(items, window, taken, Math.min(Math.max(batch, limit - kept.length), SCAN_MAX - taken));
    if (positions.length === 0) break;
    const names = positions.map((i) => (items[i] as { fullname: string }).fullname);
    const things = await hydrateListed(deps, actor, names, opts.stats);
    for (let k = 0; k < positions.length && kept.length < limit; k++) {
      const index = positions[k] as number;
      taken++;
      first = first === null ? index : Math.min(first, index);
      last = last === null ? index : Math.max(last, index);
      const thing = things[k];
      if (!thing || stickyNames.has(names[k] as string)) continue;
      kept.push({ index, thing });
    }
  }
  kept.sort((a, b) => a.index - b.index);
  const cursors = pageCursors(items, window, first === null || last === null ? null : { first, last });

  let stickies: PostView[] = [];
  if (firstPage && stickyIds.length > 0) {
    const shown = await hydrateListed(deps, actor, [...stickyNames], opts.stats);
    stickies = shown.filter((t): t is Extract<ListedThing, { kind: "t3" }> => t?.kind === "t3").map((t) => t.view);
  }
  return { items: kept.map((k) => k.thing), stickies, ...cursors, source: snapshot.source };
}

/** A cursor item's current value under `sort` (when it has left the listing), or undefined if it is gone. */
async function currentSortValue(deps: PipelineDeps, fullname: string, sort: LinkSort): Promise<number | undefined> {
  let parsed;
  try {
    parsed = parseFullname(fullname, ["t1", "t3"], "after");
  } catch {
    return undefined;
  }
  const rows = await deps.things.load([fullname]);
  const row = parsed.kind === "t3" ? rows.posts.get(parsed.id) : rows.comments.get(parsed.id);
  if (!row) return undefined;
  return linkSortValue(sort, { ups: row.ups, downs: row.downs, createdMs: row.createdAt.getTime() }, deps.now()) ?? undefined;
}
