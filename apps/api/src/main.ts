// The API server process: `node --import tsx apps/api/src/main.ts` (the launcher runs one per
// instance, each on its own port). SIGTERM: stop accepting, finish what is in flight, exit.
import { assertSafeForProduction, config } from "@hivemind/config";
import { AppCoordination, bindRing } from "@hivemind/coord";
import { log } from "./logger.js";
import { createApiServer } from "./server.js";
import { createServices } from "./services.js";

const cfg = config();
assertSafeForProduction(cfg);
const port = cfg.api.port;
// The live config (ZooKeeper; the disk copy or the defaults when it is down) and this
// instance's status file for `ops health`.
const coordination = await AppCoordination.start({ role: "api", cfg, port, healthPath: "/api/health" });
const services = await createServices({ cfg, live: coordination.live });
// The cache ring follows the membership in ZooKeeper: an ejected node is dropped on the watch event.
const unbindRing = bindRing(await coordination.ring(), services.ring);
const app = createApiServer({ services, trustedProxyHops: cfg.http.trustedProxyHops });
await app.listen({ host: "127.0.0.1", port, backlog: 4096 });
log.info({ port, pid: process.pid }, "api listening");

/** How long shutdown waits for running handlers (the supervisor's grace period is 10 s). */
const SHUTDOWN_DRAIN_MS = 5_000;
let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "api stopping");
  await app.close();
  // close() resolves when the connections are gone; a handler whose client hung up may still run.
  if (!(await app.handlersDrained(SHUTDOWN_DRAIN_MS))) log.warn({ afterMs: SHUTDOWN_DRAIN_MS }, "api stopping with handlers still running");
  unbindRing();
  await services.destroy();
  await coordination.destroy();
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));
