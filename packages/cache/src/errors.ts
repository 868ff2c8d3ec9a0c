/** Errors of the cache ring. Reads and writes never throw these for a node failure; ops calls do. */
export class CacheError extends Error {
  override name = "CacheError";
}

/** A node did not answer within the command timeout. */
export class CacheTimeoutError extends CacheError {
  override name = "CacheTimeoutError";
  constructor(
    readonly nodeId: string,
    readonly timeoutMs: number,
  ) {
    super(`cache node ${nodeId} did not answer within ${timeoutMs} ms`);
  }
}

/** A node id the client was not created with. */
export class UnknownCacheNodeError extends CacheError {
  override name = "UnknownCacheNodeError";
  constructor(readonly nodeId: string) {
    super(`unknown cache node ${JSON.stringify(nodeId)}`);
  }
}

/** An ops call (flushNode, ping) could not reach the node. */
export class CacheNodeUnavailableError extends CacheError {
  override name = "CacheNodeUnavailableError";
  constructor(
    readonly nodeId: string,
    options?: { cause?: unknown },
  ) {
    super(`cache node ${nodeId} is unavailable`, options);
  }
}
