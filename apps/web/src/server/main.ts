// The page server process (the launcher runs one per page instance: `node --import tsx
// src/server/main.ts` in apps/web, on PAGE_PORT, with NODE_ENV=production over a `next build`):
// Next.js's request handler inside createPageServer (security headers, admission queue; `next dev`
// runs without them). SIGTERM: stop accepting, finish what is in flight, exit.
import next from "next";
import { config } from "@hivemind/config";
import { createPageServer } from "./page-server";
import { pagesLog as log } from "./logger";

/** How long shutdown waits for renders in flight (the supervisor's grace period is 10 s). */
const SHUTDOWN_DRAIN_MS = 5_000;

if (process.env.NODE_ENV !== "production") throw new Error("the page server serves a production build: run it with NODE_ENV=production (development: next dev)");
const cfg = config();
const app = next({ dev: false, dir: process.cwd(), hostname: "127.0.0.1", port: cfg.web.port });
await app.prepare();
const { server } = createPageServer({ handle: app.getRequestHandler(), renderConcurrency: cfg.web.renderConcurrency });
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
