// The page server process: Next.js's request handler behind an admission queue (the launcher
// runs one per page instance: `node --import tsx src/server/main.ts` in apps/web, on PAGE_PORT,
// with NODE_ENV=production over a `next build`). It sets every page's security headers (a CSP
// with a fresh nonce; `next dev` runs without them). SIGTERM: stop accepting, finish what is in
// flight, exit. `/healthz` skips the queue, so a loaded instance still answers its probe.
import http from "node:http";
import next from "next";
import { APP_KEEP_ALIVE_TIMEOUT_MS, config } from "@hivemind/config";
import { createAdmission } from "./admission";
import { setPageSecurityHeaders } from "./security-headers";
import { pagesLog as log } from "./logger";

const HEALTH_PATH = "/healthz";
/** Requests past this many waiting are answered 503 (a render is ~10 ms: seconds of backlog). */
const MAX_WAITING = 1024;
/** How long shutdown waits for renders in flight (the supervisor's grace period is 10 s). */
const SHUTDOWN_DRAIN_MS = 5_000;

if (process.env.NODE_ENV !== "production") throw new Error("the page server serves a production build: run it with NODE_ENV=production (development: next dev)");
const cfg = config();
const app = next({ dev: false, dir: process.cwd(), hostname: "127.0.0.1", port: cfg.web.port });
const handle = app.getRequestHandler();
await app.prepare();
const admission = createAdmission({ concurrency: cfg.web.renderConcurrency, maxWaiting: MAX_WAITING });
const server = http.createServer((req, res) => {
  if (req.url === HEALTH_PATH) return void handle(req, res);
  setPageSecurityHeaders(req, res);
  admission.admit(req, res, handle);
});
server.keepAliveTimeout = APP_KEEP_ALIVE_TIMEOUT_MS;
server.listen(cfg.web.port, "127.0.0.1", 4096, () => log.info({ port: cfg.web.port, pid: process.pid, renderConcurrency: cfg.web.renderConcurrency }, "pages listening"));

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "pages stopping");
  const exit = () => process.exit(signal === "SIGINT" ? 130 : 143);
  setTimeout(exit, SHUTDOWN_DRAIN_MS).unref();
  server.close(() => void app.close().finally(exit));
  server.closeIdleConnections();
}
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));
