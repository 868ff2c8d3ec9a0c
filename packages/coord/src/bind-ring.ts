import { ringLog as log } from "./logger.js";
import type { RingMembership, RingNode } from "./ring.js";

/**
 * What bindRing needs of a cache client: packages/cache's CacheRing has it. Structural, so
 * coord does not depend on the cache package. Members are given with their addresses, so a node
 * registered in ZooKeeper after the client started gets a connection.
 */
export interface RingMembersTarget {
  setMembers(members: readonly RingNode[]): void;
}

/**
 * Make a cache client follow the ring's membership in ZooKeeper: its members are set to
 * `membership.liveNodes()` now and on every change (an ejection reaches the client one ZooKeeper
 * notification after the sentinel writes it, milliseconds). Returns the unsubscribe function.
 *
 *   const membership = await RingMembership.start(coord);
 *   const unbind = bindRing(membership, cacheRing);
 */
export function bindRing(membership: Pick<RingMembership, "liveNodes" | "onChange">, ring: RingMembersTarget): () => void {
  const apply = () => {
    const nodes = membership.liveNodes();
    try {
      ring.setMembers(nodes);
    } catch (err) {
      // Keep the previous members rather than none: a bad node must not empty the ring.
      log.error({ err, live: nodes.map((n) => n.id) }, "cache client refused the ring membership");
    }
  };
  apply();
  return membership.onChange(apply);
}
