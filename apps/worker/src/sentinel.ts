import type { ServiceConfig } from "@hivemind/config";
import { Coord, LiveConfig, startSentinel, type Sentinel } from "@hivemind/coord";

export interface CacheSentinel {
  readonly sentinel: Sentinel;
  readonly liveConfig: LiveConfig;
  stop(): Promise<void>;
}

/**
 * The cache sentinel role: stands in the "sentinel" election; as leader it registers the
 * configured Redis nodes and health-checks them (packages/coord's startSentinel), taking its
 * thresholds from the live config's `ejection` section. With `shared`, it uses the process's
 * ZooKeeper session and LiveConfig (the worker's AppCoordination) instead of opening its own.
 */
export async function startCacheSentinel(cfg: ServiceConfig, shared?: { coord: Coord; live: LiveConfig }): Promise<CacheSentinel> {
  const coord = shared?.coord ?? new Coord({ connectString: cfg.zookeeper.connectString, root: `/hivemind/${cfg.env}` });
  const liveConfig = shared?.live ?? (await LiveConfig.start({ coord }));
  const sentinel = startSentinel({ coord, liveConfig, register: cfg.redis.nodes });
  return {
    sentinel,
    liveConfig,
    async stop() {
      await sentinel.destroy();
      // The process's own session and config (shared) are closed by their owner.
      if (shared) return;
      await liveConfig.destroy();
      await coord.destroy();
    },
  };
}
