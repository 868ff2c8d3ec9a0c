import { config } from "@hivemind/config";
import { createDeps, type Deps } from "@hivemind/db";

const GLOBAL_KEY = Symbol.for("hivemind.web.deps");
type Global = { [GLOBAL_KEY]?: Promise<Deps> };

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
