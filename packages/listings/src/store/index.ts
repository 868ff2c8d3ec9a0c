export type { ListingItem, ListingSource, ListingRead, ListingKeyInput, ListingStore, CommentOrderRead, CommentTreeRead, CommentStore } from "./types.js";
export { createListingStore, listingRedisKey, type ListingStoreDeps, type ListingStoreWriter } from "./listing-store.js";
export { createCommentStore, commentOrderRedisKey, commentTreeRedisKey, type CommentStoreDeps, type CommentStoreWriter } from "./comment-store.js";
export { CassandraListings, createListingsCassandra, type CassandraConnectOptions } from "./cassandra.js";
export { computeListingFromPostgres, computeCommentsFromPostgres, loadListedThings } from "./postgres.js";
export { listingNamespace } from "./namespace.js";
