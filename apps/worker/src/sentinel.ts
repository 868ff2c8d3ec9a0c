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
 * thresholds from the live config's `ejection` section.
 */
export async function startCacheSentinel(cfg: ServiceConfig): Promise<CacheSentinel> {
  const coord = new Coord({ connectString: cfg.zookeeper.connectString, root: `/hivemind/${cfg.env}` });
  const liveConfig = await LiveConfig.start({ coord });
  const sentinel = startSentinel({ coord, liveConfig, register: cfg.redis.nodes });
  return {
    sentinel,
    liveConfig,
    async stop() {
      await sentinel.destroy();
      await liveConfig.destroy();
      await coord.destroy();
    },
  };
}
