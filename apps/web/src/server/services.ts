import { config } from "@hivemind/config";
import { createDeps, type Deps } from "@hivemind/db";
import { bindRing } from "@hivemind/coord";
import { createReadServices, type ReadServices } from "@hivemind/listings";
import { appCoordination } from "./coordination";

const GLOBAL_KEY = Symbol.for("hivemind.web.deps");
const READS_KEY = Symbol.for("hivemind.web.reads");
type Global = { [GLOBAL_KEY]?: Promise<Deps>; [READS_KEY]?: Promise<ReadServices> };

/**
 * The page process's domain dependencies, opened once (kept on globalThis so Next's dev reloads
 * reuse them). Pages read through the domain packages in process; writes go to the API.
 */
export function appServices(): Promise<Deps> {
  const g = globalThis as Global;
  const cfg = config();
  g[GLOBAL_KEY] ??= createDeps({ url: cfg.postgres.url, applicationName: "hivemind-web", poolMax: cfg.postgres.poolMax });
  return g[GLOBAL_KEY];
}

/**
 * The listing read path (skeleton → hydrate → rules → present) over the cache ring, Cassandra and
 * Postgres, built by the same function the API uses, once per process.
 */
export function readServices(): Promise<ReadServices> {
  const g = globalThis as Global;
  g[READS_KEY] ??= (async () => {
    const [deps, coordination] = await Promise.all([appServices(), appCoordination()]);
    const reads = await createReadServices(deps, config(), { settings: () => coordination.live.current() });
    // The ring follows ZooKeeper's membership (a node the sentinel ejected leaves it), as the API's does.
    bindRing(await coordination.ring(), reads.ring);
    return reads;
  })();
  return g[READS_KEY];
}
