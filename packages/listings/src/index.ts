// The read path (skeleton → hydrate → rules → present).
export { createReadPath, ReadPath, DEFAULT_FRONT_COMMUNITIES, type ReadPathOptions, type ListingQuery } from "./read/read-path.js";
export { readPage, hydrateListed, type ListingPage, type PipelineDeps, type PageOptions } from "./read/pipeline.js";
export { pageLimit, pageWindow, pageCursors, takePositions, indexBelow, type PageRequest, type PageWindow } from "./read/cursor.js";
export { ThingCache, encodePost, decodePost, encodeComment, decodeComment, type ThingRows, type ThingLoadStats } from "./read/thing-cache.js";
export { CommunityFacts, bansCacheKey, stickiesCacheKey } from "./read/community-facts.js";
export { FrontPages, worstSource, type MergeSettings } from "./read/front-page.js";
export { listedFor, type ListedThing } from "./read/rules.js";
export { presentListed, presentListingPage } from "./read/present.js";
export { postgresListingReader } from "./read/postgres-source.js";
export type { ListingItem, ListingSnapshot, ListingSource, ListingReader } from "./read/skeleton.js";
