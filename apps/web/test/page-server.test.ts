import type http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Admission, Handler } from "../src/server/admission";
import { createPageServer } from "../src/server/page-server";

// The page server as main.ts builds it (createPageServer), with a handler in place of Next.js's
// renderer that holds each response until the test releases it: the queue is what is under test.

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? (server.close(() => resolve()), server.closeAllConnections()) : resolve())));

function serve(opts: { concurrency: number; maxWaiting: number }, handler: Handler): Promise<{ url: string; admission: Admission }> {
  const page = createPageServer({ handle: handler, renderConcurrency: opts.concurrency, maxWaiting: opts.maxWaiting });
  server = page.server;
  return new Promise((resolve) => server!.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, admission: page.admission })));
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("the page server's admission queue", () => {
  it("renders at most `concurrency` at once and the rest in arrival order", async () => {
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const { url, admission } = await serve({ concurrency: 2, maxWaiting: 10 }, (req, res) => {
      started.push(req.url!);
      return new Promise((done) => release.set(req.url!, () => (res.end(req.url), done())));
    });
    const answers = ["/a", "/b", "/c", "/d"].map(async (p) => {
      const r = await fetch(url + p);
      return r.text();
    });
    // Sent one after another, so they arrive in this order.
    await tick();
    expect(started).toEqual(["/a", "/b"]);
    expect(admission.waiting).toBe(2);
    release.get("/b")!();
    await tick();
    expect(started).toEqual(["/a", "/b", "/c"]);
    release.get("/a")!();
    await tick();
    expect(started).toEqual(["/a", "/b", "/c", "/d"]);
    release.get("/c")!();
    release.get("/d")!();
    expect(await Promise.all(answers)).toEqual(["/a", "/b", "/c", "/d"]);
    expect(admission.rendering).toBe(0);
  });

  it("answers 503 when too many wait, and never renders a request whose client left while it waited", async () => {
    const started: string[] = [];
    let releaseFirst = () => {};
    const { url } = await serve({ concurrency: 1, maxWaiting: 1 }, (req, res) => {
      started.push(req.url!);
      if (req.url === "/first") return new Promise((done) => (releaseFirst = () => (res.end("first"), done())));
      res.end(req.url);
      return Promise.resolve();
    });
    const first = fetch(url + "/first").then((r) => r.text());
    await tick();
    const gone = new AbortController();
    const waiting = fetch(url + "/gone", { signal: gone.signal }).catch(() => "aborted");
    await tick();
    const refused = await fetch(url + "/refused");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    gone.abort();
    expect(await waiting).toBe("aborted");
    await tick();
    releaseFirst();
    expect(await first).toBe("first");
    await tick();
    expect(started).toEqual(["/first"]);
    expect(await (await fetch(url + "/after")).text()).toBe("/after");
  });
});
