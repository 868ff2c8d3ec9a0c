import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createAdmission, type Handler } from "../src/server/admission";

// The admission queue on a real node:http server: a handler that holds its response until the
// test releases it stands in for a render.

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? (server.close(() => resolve()), server.closeAllConnections()) : resolve())));

function serve(admission: ReturnType<typeof createAdmission>, handler: Handler): Promise<string> {
  server = http.createServer((req, res) => admission.admit(req, res, handler));
  return new Promise((resolve) => server!.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server!.address() as AddressInfo).port}`)));
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("createAdmission", () => {
  it("renders at most `concurrency` at once and the rest in arrival order", async () => {
    const admission = createAdmission({ concurrency: 2, maxWaiting: 10 });
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const url = await serve(admission, (req, res) => {
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
    const admission = createAdmission({ concurrency: 1, maxWaiting: 1 });
    const started: string[] = [];
    let releaseFirst = () => {};
    const url = await serve(admission, (req, res) => {
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
