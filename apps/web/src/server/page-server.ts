import http from "node:http";
import { APP_KEEP_ALIVE_TIMEOUT_MS } from "@hivemind/config";
import { createAdmission, type Admission, type Handler } from "./admission";
import { setPageSecurityHeaders } from "./security-headers";

const HEALTH_PATH = "/healthz";
/** Requests past this many waiting are answered 503 (a render is ~10 ms: seconds of backlog). */
const MAX_WAITING = 1024;

export interface PageServerOptions {
  /** Next.js's request handler (main.ts); the page server adds what comes before it. */
  handle: Handler;
  renderConcurrency: number;
  maxWaiting?: number;
}

/**
 * The page server: every page gets its security headers, then waits its turn in the admission
 * queue for Next.js's handler. `/healthz` skips both, so a loaded instance still answers its probe.
 * Idle connections outlive nginx's upstream keep-alive.
 */
export function createPageServer(opts: PageServerOptions): { server: http.Server; admission: Admission } {
  const admission = createAdmission({ concurrency: opts.renderConcurrency, maxWaiting: opts.maxWaiting ?? MAX_WAITING });
  const server = http.createServer((req, res) => {
    if (req.url === HEALTH_PATH) return void opts.handle(req, res);
    setPageSecurityHeaders(req, res);
    admission.admit(req, res, opts.handle);
  });
  server.keepAliveTimeout = APP_KEEP_ALIVE_TIMEOUT_MS;
  return { server, admission };
}
