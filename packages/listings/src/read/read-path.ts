import { LocalCache, type CacheRing } from "@hivemind/cache";
import { ALL_OWNER, LISTING_MAX, communityOwner, defaultLiveConfig, formatListingKey, nameKey, userOwner, type LinkSort, type ListingKey, type LiveConfigDoc, type SiteListing, type TimeFilter, type Viewer } from "@hivemind/core";
import type { Db } from "@hivemind/db";
import { communityByName } from "@hivemind/domain";
import type { CommentStore } from "../store/types.js";
import { CommunityFacts } from "./community-facts.js";
import { readCommentTree, type CommentTreePage, type CommentTreeQuery } from "./comment-tree.js";
import type { PageRequest } from "./cursor.js";
import { FrontPages, mergeSnapshots } from "./front-page.js";
import { readPage, type ListingPage, type PipelineDeps } from "./pipeline.js";
import type { ListingReader } from "./skeleton.js";
import { withOwnFreshPosts } from "./own-fresh.js";
import { searchSkeleton, type SearchQuery } from "./search.js";
import { SHARED_PAGE_MS, SharedPages } from "./shared-pages.js";
import { ThingCache, type ThingLoadStats } from "./thing-cache.js";

/** The communities a logged-out reader's front page merges (reddit's default subreddits). */
export const DEFAULT_FRONT_COMMUNITIES = 25;

export interface ReadPathOptions {
  db: Db;
  ring: CacheRing;
  /** The skeleton source: the listing store (Redis → Cassandra → Postgres rebuild). */
  listings: ListingReader;
  now?: () => number;
  /** Live config (thing and front-page TTLs, front-page merge sizes); defaults when absent. */
  settings?: () => LiveConfigDoc;
  /** Size of the default set (logged-out front page). */
  defaultCommunities?: number;
  /** Separates one database's merged front pages from another's on a shared ring. */
  namespace?: string;
  /** Comment orders and trees per post (the comment store); needed by `commentTree`. */
  comments?: Pick<CommentStore, "read" | "readTree">;
  /** Share logged-out readers' pages for a moment (SharedPages); off by default. */
  sharePages?: boolean;
}

/** Community names never change hands (communities are not deleted or renamed): name → id is kept long. */
const COMMUNITY_ID_MS = 60_000;
const COMMUNITY_IDS_MAX = 10_000;

export interface ListingQuery extends PageRequest {
  stats?: ThingLoadStats;
}

/**
 * The read side of precomputed listings: every listing page (API and pages) goes through here.
 * `listing` reads one precomputed listing; `frontPage` and `multi` read a merged one; the
 * `invalidate*` calls are what a write does to the caches this owns after its commit.
 */
export class ReadPath {
  readonly things: ThingCache;
  readonly facts: CommunityFacts;
  readonly fronts: FrontPages;
  private readonly deps: PipelineDeps;
  private readonly listings: ListingReader;
  private readonly comments: Pick<CommentStore, "read" | "readTree"> | undefined;
  private readonly communityIds = new LocalCache<string, bigint>({ ttlMs: () => COMMUNITY_ID_MS, max: COMMUNITY_IDS_MAX });
  private readonly shared: SharedPages;

  constructor(opts: ReadPathOptions) {
    const now = opts.now ?? Date.now;
    const settings = opts.settings ?? (() => DEFAULTS);
    const thingTtl = () => settings().cache.thingTtlSeconds;
    this.listings = opts.listings;
    this.shared = new SharedPages({ ttlMs: opts.sharePages ? SHARED_PAGE_MS : 0 });
    this.comments = opts.comments;
    this.things = new ThingCache({ ring: opts.ring, db: opts.db, ttlSeconds: thingTtl });
    this.facts = new CommunityFacts({ ring: opts.ring, db: opts.db, ttlSeconds: thingTtl, now });
    this.fronts = new FrontPages({
      db: opts.db,
      ring: opts.ring,
      listings: opts.listings,
      namespace: opts.namespace ?? "default",
      settings: () => {
        const s = settings();
        return {
          perCommunity: s.listings.frontPagePerCommunity,
          max: s.listings.frontPageMax,
          ttlSeconds: s.cache.frontPageTtlSeconds,
          defaultCount: opts.defaultCommunities ?? DEFAULT_FRONT_COMMUNITIES,
        };
      },
    });
    this.deps = { db: opts.db, things: this.things, facts: this.facts, now };
  }

  /** A community's id by its name (any case); 404 SUBREDDIT_NOEXIST naming `field` when there is none. */
  async communityId(name: string, field = "sr"): Promise<bigint> {
    const key = nameKey(name);
    const hit = this.communityIds.get(key);
    if (hit !== undefined) return hit;
    const { id } = await communityByName(this.deps.db, name, field);
    this.communityIds.set(key, id);
    return id;
  }

  /** A page of one precomputed listing. A community's hot listing shows its stickies above page one. */
  listing(actor: Viewer | null, key: ListingKey, q: ListingQuery = {}): Promise<ListingPage> {
    return this.shared.read(actor, formatListingKey(key), q, () => this.readListing(actor, key, q));
  }

  private async readListing(actor: Viewer | null, key: ListingKey, q: ListingQuery): Promise<ListingPage> {
    let snapshot = await this.listings.read(key);
    // The reader's own just-submitted posts, before the consumer has added them (own-fresh.ts).
    if (actor && (key.owner.type === "community" || key.owner.type === "all")) {
      const scope = key.owner.type === "community" ? { communityIds: [key.owner.id] } : {};
      snapshot = await withOwnFreshPosts(this.deps.db, actor, snapshot, key, scope, this.deps.now());
    }
    const stickiesOf = key.owner.type === "community" && key.sort === "hot" ? key.owner.id : undefined;
    return readPage(this.deps, actor, snapshot, { ...q, sort: key.sort, stickiesOf });
  }

  /** The reader's front page: their subscriptions merged, or the default set. */
  frontPage(actor: Viewer | null, sort: LinkSort, t: TimeFilter, q: ListingQuery = {}): Promise<ListingPage> {
    return this.shared.read(actor, `front:${sort}:${t}`, q, async () => {
      let snapshot = await this.fronts.skeleton(actor, sort, t);
      if (actor) snapshot = await withOwnFreshPosts(this.deps.db, actor, snapshot, { sort, t }, { subscriberId: actor.userId }, this.deps.now());
      return readPage(this.deps, actor, snapshot, { ...q, sort });
    });
  }

  /** Several communities merged (`r/a+b`). */
  multi(actor: Viewer | null, communityIds: readonly bigint[], sort: LinkSort, t: TimeFilter, q: ListingQuery = {}): Promise<ListingPage> {
    if (communityIds.length === 1) return this.listing(actor, { owner: communityOwner(communityIds[0] as bigint), sort, t }, q);
    return this.shared.read(actor, `multi:${communityIds.join("+")}:${sort}:${t}`, q, async () => {
      let snapshot = await this.fronts.merge(communityIds, sort, t);
      if (actor) snapshot = await withOwnFreshPosts(this.deps.db, actor, snapshot, { sort, t }, { communityIds }, this.deps.now());
      return readPage(this.deps, actor, snapshot, { ...q, sort });
    });
  }

  /**
   * A user's overview (reddit's /user/NAME): their submitted and comments listings of one sort
   * merged, posts and comments interleaved by the sort's value.
   */
  userOverview(actor: Viewer | null, userId: bigint, sort: LinkSort, t: TimeFilter, q: ListingQuery = {}): Promise<ListingPage> {
    return this.shared.read(actor, `overview:${userId}:${sort}:${t}`, q, async () => {
      const parts = await Promise.all((["submitted", "comments"] as const).map((what) => this.listings.read({ owner: userOwner(userId, what), sort, t })));
      return readPage(this.deps, actor, mergeSnapshots(parts, LISTING_MAX, LISTING_MAX), { ...q, sort });
    });
  }

  /** r/all (the site-wide listing) or r/popular (the default set, the logged-out front page). */
  siteListing(actor: Viewer | null, which: SiteListing, sort: LinkSort, t: TimeFilter, q: ListingQuery = {}): Promise<ListingPage> {
    return which === "all" ? this.listing(actor, { owner: ALL_OWNER, sort, t }, q) : this.frontPage(null, sort, t, q);
  }

  /** A page of a search's results (search.ts: matched in Postgres on each read, then the listing pipeline). */
  search(actor: Viewer | null, query: SearchQuery, q: ListingQuery = {}): Promise<ListingPage> {
    const name = `search:${query.communityId ?? "all"}:${query.sort}:${query.t}:${query.q}`;
    return this.shared.read(actor, name, q, async () => readPage(this.deps, actor, await searchSkeleton(this.deps.db, query, this.deps.now()), { ...q, sort: null }));
  }

  /** A post's comment tree for `actor`: order and tree from the comment store, only the shown comments hydrated. */
  commentTree(actor: Viewer | null, postId: bigint, q: CommentTreeQuery): Promise<CommentTreePage> {
    if (!this.comments) throw new Error("this read path has no comment store");
    return readCommentTree(this.deps, this.comments, actor, postId, q);
  }

  /** After an edit, delete, removal, approval, lock or sticky of these things (post-commit). */
  invalidateThings(fullnames: readonly string[]): Promise<void> {
    this.shared.clear();
    return this.things.invalidate(fullnames);
  }

  /** After a ban or unban (bans), or a sticky or unsticky (stickies), in a community. */
  invalidateCommunity(communityId: bigint, what: { bans?: boolean; stickies?: boolean }): Promise<void> {
    this.shared.clear();
    return this.facts.invalidate(communityId, what);
  }

  /** After the reader subscribes or unsubscribes. */
  invalidateFrontPage(userId: bigint): Promise<void> {
    return this.fronts.invalidate(userId);
  }
}

const DEFAULTS = defaultLiveConfig();

export function createReadPath(opts: ReadPathOptions): ReadPath {
  return new ReadPath(opts);
}
