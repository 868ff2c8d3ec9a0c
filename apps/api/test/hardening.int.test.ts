import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRoutes } from "../src/routes/index.js";
import { expandOptionalSegments } from "../src/http/router.js";
import { MAX_BODY_BYTES } from "../src/http/params.js";
import { serveApi, startTestApi, TestClient, type TestApi } from "./harness.js";
import { createCommunity, userClient, type UserClient } from "./posts-fixtures.js";

let api: TestApi;
let alice: UserClient;
beforeAll(async () => {
  api = await startTestApi();
  alice = await userClient(api, "hard_alice");
  await createCommunity(api.services, "hardened", alice.user.id);
});
afterAll(async () => {
  await api?.close();
});

/** A chunked request (no Content-Length) of `bytes` bytes, streamed in 16 KiB chunks. */
function chunkedPost(url: string, path: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url + path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked", authorization: `bearer ${alice.token}` } });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer and close before everything is written.
    req.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" || err.code === "ECONNRESET" ? undefined : reject(err)));
    const chunk = Buffer.alloc(16 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("response headers (API)", () => {
  it("every answer, success, error or 404, carries CSP, frame-ancestors, X-Frame-Options, nosniff and Referrer-Policy; no HSTS over http", async () => {
    const anon = new TestClient(api.url);
    for (const res of [await anon.get("/r/hardened/about"), await anon.get("/api/no_such_route"), await anon.post("/api/submit", {}), await anon.get("/api/submit")]) {
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("HSTS only when the trusted front tier says the client came over https; a client's own X-Forwarded-Proto is ignored", async () => {
    const forged = await new TestClient(api.url).get("/r/hardened/about", { headers: { "x-forwarded-proto": "https" } });
    expect(forged.headers.get("strict-transport-security")).toBeNull();
    const behind = await serveApi(api.services, 1);
    try {
      const res = await new TestClient(behind.url).get("/r/hardened/about", { headers: { "x-forwarded-proto": "https" } });
      expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
      const plain = await new TestClient(behind.url).get("/r/hardened/about", { headers: { "x-forwarded-proto": "http" } });
      expect(plain.headers.get("strict-transport-security")).toBeNull();
    } finally {
      await behind.close();
    }
  });
});

describe("request bodies", () => {
  it("a chunked body (no Content-Length) over the cap is refused with 413 on every route that takes a body; nothing written", async () => {
    const before = await api.services.db.post.count();
    const paths = [...new Set(allRoutes.filter((r) => r.method !== "GET").flatMap((r) => expandOptionalSegments(r.path).map((p) => [r.method, p.replace(/:[a-z_]+/g, "x")] as const)))];
    expect(paths.length).toBeGreaterThan(20);
    for (const [method, path] of paths) {
      if (method !== "POST") continue;
      const res = await chunkedPost(api.url, path, MAX_BODY_BYTES + 64 * 1024);
      expect({ path, status: res.status }).toEqual({ path, status: 413 });
      expect(JSON.parse(res.body).json.errors[0]).toEqual(["TOO_LONG", expect.any(String), "body"]);
    }
    expect(await api.services.db.post.count()).toBe(before);
  }, 120_000);

  it("a chunked body under the cap is read whole", async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${api.url}/api/submit`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked", authorization: `bearer ${alice.token}` } });
      req.on("response", (r) => {
        let body = "";
        r.on("data", (d: Buffer) => (body += d.toString()));
        r.on("end", () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write("api_type=json&kind=self&sr=hardened&");
      req.write("title=chunked&text=");
      req.end("a".repeat(10_000));
    });
    expect(res.status).toBe(200);
    expect(await api.services.db.post.count({ where: { title: "chunked" } })).toBe(1);
  });
});

describe("OAuth scopes", () => {
  async function tokenFor(scope: string | undefined) {
    const c = new TestClient(api.url, { sourceAddress: `127.7.0.${Math.floor(Math.random() * 200) + 2}` });
    const name = `scoped_${Math.random().toString(36).slice(2, 8)}`;
    await c.post("/api/register", { user: name, passwd: "scoped password" });
    const app = await c.post("/api/v1/apps", { name: "scoped" });
    const form: Record<string, string> = { grant_type: "password", username: name, password: "scoped password" };
    if (scope !== undefined) form.scope = scope;
    const res = await c.call("POST", "/api/v1/access_token", { headers: { authorization: `Basic ${Buffer.from(`${app.body.client_id}:${app.body.client_secret}`).toString("base64")}` }, form });
    return { res, name, client: new TestClient(api.url).useBearer(res.body.access_token) };
  }

  it("the requested scope is granted, answered and stored on the session; none asked means *", async () => {
    const scoped = await tokenFor("read identity");
    expect(scoped.res.body).toMatchObject({ token_type: "bearer", scope: "identity read" });
    const all = await tokenFor(undefined);
    expect(all.res.body.scope).toBe("*");
    const rows = await api.services.db.session.findMany({ where: { kind: "bearer", user: { name: { in: [scoped.name, all.name] } } }, include: { user: true } });
    expect(Object.fromEntries(rows.map((r) => [r.user.name, r.scope]))).toEqual({ [scoped.name]: "identity read", [all.name]: "*" });
    const unknown = await tokenFor("read launch_missiles");
    expect(unknown.res.status).toBe(200);
    expect(unknown.res.body).toMatchObject({ error: "invalid_scope" });
  });

  it("a token answers only what its scopes allow: reddit's 403 with WWW-Authenticate error=insufficient_scope, nothing written", async () => {
    const { client } = await tokenFor("read identity");
    expect((await client.get("/api/v1/me")).status).toBe(200);
    expect((await client.get("/r/hardened/about")).status).toBe(200);
    const before = await api.services.db.post.count();
    const refused = await client.post("/api/submit", { kind: "self", sr: "hardened", title: "no scope", text: "x" });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="reddit", error="insufficient_scope"');
    expect(refused.body.reason).toBe("INSUFFICIENT_SCOPE");
    expect(await api.services.db.post.count()).toBe(before);
    for (const [method, path, form] of [
      ["POST", "/api/vote", { id: "t3_1", dir: "1" }],
      ["POST", "/api/comment", { thing_id: "t3_1", text: "x" }],
      ["POST", "/api/subscribe", { action: "sub", sr_name: "hardened" }],
      ["POST", "/api/report", { id: "t3_1", reason: "spam" }],
      ["POST", "/api/remove", { id: "t3_1" }],
      ["GET", "/r/hardened/about/log", {}],
      ["GET", "/subreddits/mine/subscriber", {}],
    ] as const) {
      const res = method === "GET" ? await client.get(path) : await client.post(path, form);
      expect({ path, status: res.status, auth: res.headers.get("www-authenticate") }).toEqual({ path, status: 403, auth: 'Bearer realm="reddit", error="insufficient_scope"' });
    }
  });

  it("each scope opens its routes: submit, vote; identity alone cannot read", async () => {
    const { client } = await tokenFor("submit vote");
    const post = await client.post("/api/submit", { kind: "self", sr: "hardened", title: "with scope", text: "x" });
    expect(post.status).toBe(200);
    expect((await client.post("/api/vote", { id: post.body.json.data.name, dir: "1" })).status).toBe(200);
    expect((await client.get("/api/v1/me")).status).toBe(403);
    const idOnly = await tokenFor("identity");
    expect((await idOnly.client.get(`/comments/${post.body.json.data.id}`)).status).toBe(403);
  });

  it("every route declares the scope a token needs", () => {
    const undeclared = allRoutes.filter((r) => r.scope === undefined).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });
});

describe("client address (Lemmy: forged X-Forwarded-For)", () => {
  it("with no proxy trusted, X-Forwarded-For is ignored: per-address limits see the socket's peer", async () => {
    const address = "127.8.0.1";
    const limit = api.services.limits.of("login").perAddress!.count;
    for (let i = 0; i < limit; i++) {
      const res = await new TestClient(api.url, { sourceAddress: address }).post("/api/login", { user: `xff_${i}`, passwd: "nope nope" }, { headers: { "x-forwarded-for": `10.9.${i}.1` } });
      expect(res.body.reason).toBe("WRONG_PASSWORD");
    }
    const forged = await new TestClient(api.url, { sourceAddress: address }).post("/api/login", { user: "xff_next", passwd: "nope nope" }, { headers: { "x-forwarded-for": "10.9.250.1" } });
    expect(forged.body.reason).toBe("RATELIMIT");
  }, 60_000);

  it("behind one trusted proxy, only the entry that proxy appended counts; the client's own leftmost entries do not", async () => {
    const behind = await serveApi(api.services, 1);
    try {
      const limit = api.services.limits.of("login").perAddress!.count;
      // The proxy (us) appends 10.20.0.1; the client forged a different leftmost entry each time.
      for (let i = 0; i < limit; i++) {
        await new TestClient(behind.url).post("/api/login", { user: `xff2_${i}`, passwd: "nope nope" }, { headers: { "x-forwarded-for": `6.6.${i}.6, 10.20.0.1` } });
      }
      const blocked = await new TestClient(behind.url).post("/api/login", { user: "xff2_next", passwd: "nope nope" }, { headers: { "x-forwarded-for": "7.7.7.7, 10.20.0.1" } });
      expect(blocked.body.reason).toBe("RATELIMIT");
      const other = await new TestClient(behind.url).post("/api/login", { user: "xff2_next", passwd: "nope nope" }, { headers: { "x-forwarded-for": "10.20.0.2" } });
      expect(other.body.reason).toBe("WRONG_PASSWORD");
    } finally {
      await behind.close();
    }
  }, 60_000);
});

describe("Lemmy advisory classes", () => {
  it("markdown image alt text cannot break out into attributes (alt-text XSS)", async () => {
    const payload = '![x" onerror="alert(1)](https://example.com/a.png) ![<img src=x onerror=alert(2)>](javascript:alert(3))';
    const post = await alice.client.post("/api/submit", { kind: "self", sr: "hardened", title: "alt", text: payload });
    const page = await new TestClient(api.url).get(`/comments/${post.body.json.data.id}`);
    const html: string = page.body[0].data.children[0].data.selftext_html;
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\sonerror\s*=/i);
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it("another user's saved and hidden things are not readable (private-data IDOR)", async () => {
    const bob = await userClient(api, "hard_bob");
    for (const which of ["saved", "hidden"]) {
      const res = await bob.client.get(`/user/hard_alice/${which}`);
      expect(res.status).toBe(403);
    }
  });

  it("no answer body carries a session secret; the cookie is HttpOnly (token theft through XSS)", async () => {
    const c = new TestClient(api.url, { sourceAddress: "127.8.1.1" });
    const reg = await c.post("/api/register", { user: "no_token_body", passwd: "a good password" });
    const token = /^hm_session=([^;]+)/.exec(reg.headers.getSetCookie()[0] ?? "")?.[1];
    expect(token).toBeDefined();
    expect(JSON.stringify(reg.body)).not.toContain(token);
    expect(reg.headers.getSetCookie()[0]).toContain("HttpOnly");
    const me = await c.get("/api/v1/me");
    expect(JSON.stringify(me.body)).not.toContain(token);
  });
});
