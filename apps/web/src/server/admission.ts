import type { IncomingMessage, ServerResponse } from "node:http";
import pLimit from "p-limit";
import { pagesLog as log } from "./logger";

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface Admission {
  /** Runs `handler` for this request when a render slot is free; answers 503 when too many wait. */
  admit(req: IncomingMessage, res: ServerResponse, handler: Handler): void;
  readonly rendering: number;
  readonly waiting: number;
}

/**
 * Admission to the renderer. Rendering is CPU work on one thread: pages started together all
 * finish late, and dozens in flight at once hold their allocations across collections (at 256
 * connections a logged-in page cost twice its CPU at 16). So at most `concurrency` render at
 * once and the rest wait in arrival order, which keeps the cost per page, and the latency of
 * the slowest, near those of a light load. A slot is held until the response closes (sent, or
 * the client gone); a request whose client left while it waited is dropped unrendered. Past
 * `maxWaiting` waiting, a request is answered 503 at once (the front tier then serves its
 * stale copy to a logged-out reader).
 */
export function createAdmission(opts: { concurrency: number; maxWaiting: number }): Admission {
  const limit = pLimit(opts.concurrency);
  const render = (req: IncomingMessage, res: ServerResponse, handler: Handler) =>
    new Promise<void>((done) => {
      if (res.destroyed || req.socket.destroyed) return done();
      res.once("close", () => done());
      handler(req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end();
        log.error({ err, url: req.url }, "page handler failed");
      });
    });
  return {
    admit(req, res, handler) {
      if (limit.pendingCount >= opts.maxWaiting) {
        res.writeHead(503, { "content-type": "text/plain", "retry-after": "1" }).end("busy: try again in a moment\n");
        return;
      }
      void limit(() => render(req, res, handler));
    },
    get rendering() {
      return limit.activeCount;
    },
    get waiting() {
      return limit.pendingCount;
    },
  };
}
