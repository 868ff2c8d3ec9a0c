import { config } from "@hivemind/config";
import { AppCoordination } from "@hivemind/coord";

const GLOBAL_KEY = Symbol.for("hivemind.web.coordination");
type Global = { [GLOBAL_KEY]?: Promise<AppCoordination> };

/**
 * The page process's coordination: its LiveConfig (read-only banner, sign-ups) and its status
 * file for `ops health`. Started on the first request that needs it (the launcher's first probe
 * or /healthz), once per process (kept on globalThis so Next's dev reloads reuse it); while
 * ZooKeeper is down at start it runs on the disk copy or the defaults.
 */
export function appCoordination(): Promise<AppCoordination> {
  const g = globalThis as Global;
  const cfg = config();
  g[GLOBAL_KEY] ??= AppCoordination.start({ role: "page", cfg, port: cfg.web.port, healthPath: "/healthz" });
  return g[GLOBAL_KEY];
}
