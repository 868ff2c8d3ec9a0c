export { HashRing, DEFAULT_VNODES } from "./ring.js";
export { murmur3 } from "./murmur3.js";
export { Breaker, DEFAULT_BREAKER, type BreakerOptions, type BreakerState } from "./breaker.js";
export {
  CacheRing,
  createCacheRing,
  type CacheNode,
  type CacheRingOptions,
  type ScoredMember,
  type CacheFailure,
  type DroppedWrite,
  type WriteResult,
  type ListingWrite,
  type ListingState,
  type NodeStatus,
  type BreakerListener,
} from "./cache-ring.js";
export { CacheError, CacheTimeoutError, UnknownCacheNodeError, CacheNodeUnavailableError } from "./errors.js";
export { thingCacheKey, listingCacheKey } from "./keys.js";
export { LocalCache } from "./local-cache.js";
