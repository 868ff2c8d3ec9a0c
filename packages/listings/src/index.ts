// The read path (skeleton → hydrate → rules → present).
export { createReadPath, ReadPath, DEFAULT_FRONT_COMMUNITIES, type ReadPathOptions, type ListingQuery } from "./read/read-path.js";
export { createReadServices, type ReadServices, type ReadServicesOptions } from "./read-services.js";
export { readCommentTree, postgresCommentReader, type CommentTreeQuery, type CommentTreePage } from "./read/comment-tree.js";
export { readPage, hydrateListed, type ListingPage, type PipelineDeps, type PageOptions } from "./read/pipeline.js";
export { pageLimit, pageWindow, pageCursors, takePositions, indexBelow, type PageRequest, type PageWindow } from "./read/cursor.js";
export { ThingCache, invalidateThingCache, encodePost, decodePost, encodeComment, decodeComment, type ThingRows, type ThingLoadStats } from "./read/thing-cache.js";
export { CommunityFacts, bansCacheKey, stickiesCacheKey } from "./read/community-facts.js";
export { FrontPages, worstSource, type MergeSettings } from "./read/front-page.js";
export { listedFor, type ListedThing } from "./read/rules.js";
export { presentListed, presentListingPageJson, presentListingPageBytes } from "./read/present.js";
export { postgresListingReader } from "./read/postgres-source.js";
export { searchSkeleton, SEARCH_MAX, type SearchQuery } from "./read/search.js";
export type { ListingItem, ListingSnapshot, ListingSource, ListingReader } from "./read/skeleton.js";

// The listing store (Redis → Cassandra → Postgres) and its writers.
export type { ListingRead, ListingKeyInput, ListingStore, CommentOrderRead, CommentTreeRead, CommentStore } from "./store/types.js";
export { listingNamespace } from "./store/namespace.js";
export { createListingStore, listingRedisKey, type ListingStoreDeps, type ListingStoreWriter } from "./store/listing-store.js";
export { createCommentStore, commentOrderRedisKey, commentTreeRedisKey, type CommentStoreDeps, type CommentStoreWriter } from "./store/comment-store.js";
export { CassandraListings, createListingsCassandra, type CassandraConnectOptions } from "./store/cassandra.js";
export { computeListingFromPostgres, computeCommentsFromPostgres, loadListedThings } from "./store/postgres.js";
