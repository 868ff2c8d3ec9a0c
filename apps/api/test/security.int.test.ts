import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "@hivemind/log";
import { sessionIdOf } from "@hivemind/accounts";
import { serveApi, startTestApi, TestClient, type TestApi } from "./harness.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let ip = 0;
/** Password verifications (argon2) the server ran: counted through the services' observer. */
let passwordChecks = 0;
const LOGIN_LIMITS = { account: { points: 5 }, ip: { points: 50 } };
/** Each test its own loopback source address, so per-address login limits stay apart. */
function client(address = `127.3.0.${++ip}`): TestClient {
  return new TestClient(api.url, { sourceAddress: address });
}

/** Everything written to stdout/stderr (pino writes through fs.writeSync/fs.write) while fn runs. */
async function captureOutput(fn: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const grab = (data: unknown) => {
    chunks.push(typeof data === "string" ? data : Buffer.isBuffer(data) ? data.toString("utf8") : String(data));
  };
  const spies = [
    vi.spyOn(fs, "writeSync").mockImplementation(((fd: number, data: unknown) => {
      grab(data);
      return typeof data === "string" ? Buffer.byteLength(data) : (data as Buffer).length;
    }) as never),
    vi.spyOn(fs, "write").mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      grab(data);
      const cb = rest.find((r) => typeof r === "function") as ((err: null, n: number) => void) | undefined;
      cb?.(null, typeof data === "string" ? Buffer.byteLength(data) : (data as Buffer).length);
    }) as never),
    vi.spyOn(process.stdout, "write").mockImplementation(((data: unknown) => (grab(data), true)) as never),
    vi.spyOn(process.stderr, "write").mockImplementation(((data: unknown) => (grab(data), true)) as never),
  ];
  try {
    await fn();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return chunks.join("");
}

beforeAll(async () => {
  api = await startTestApi({ onArgon2: (op) => void (op === "verify" && passwordChecks++) });
  // The limits these tests count against are the settings the server runs with.
  const login = api.services.limits.of("login");
  LOGIN_LIMITS.account.points = login.perAccount!.count;
  LOGIN_LIMITS.ip.points = login.perAddress!.count;
});
afterAll(async () => {
  await api?.close();
});

describe("secrets at rest", () => {
  it("passwords are stored as argon2id hashes and sessions under the sha256 of their token, never in clear", async () => {
    const c = client();
    const res = await c.post("/api/register", { user: "vault", passwd: "plain text secret" });
    const token = /^hm_session=([^;]+)/.exec(res.headers.getSetCookie()[0] ?? "")?.[1];
    expect(token).toBeDefined();
    const rows = await api.services.pool.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE name_lower = 'vault'");
    expect(rows.rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows.rows[0]?.password_hash).not.toContain("plain text secret");
    const sessions = await api.services.pool.query<{ id: string }>("SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.name_lower = 'vault'");
    expect(sessions.rows.map((r) => r.id)).toEqual([sessionIdOf(token!)]);
    // No column of any table holds the token or the password.
    const dump = await api.services.pool.query<{ t: string }>(
      "SELECT string_agg(x::text, ' ') AS t FROM (SELECT row_to_json(u)::text AS x FROM users u UNION ALL SELECT row_to_json(s)::text FROM sessions s UNION ALL SELECT row_to_json(o)::text FROM oauth_clients o) q",
    );
    expect(dump.rows[0]?.t).not.toContain(token);
    expect(dump.rows[0]?.t).not.toContain("plain text secret");
  });
});

describe("secrets in logs", () => {
  it("the logger redacts secret-bearing fields", async () => {
    const out = await captureOutput(async () => {
      const log = createLogger("web:security-test");
      log.error({ password: "pw-1", passwd: "pw-2", token: "tok-3", cookie: "hm_session=tok-4", authorization: "bearer tok-5", secret: "sec-6", req: { authorization: "bearer tok-7", cookie: "c-8" } }, "redaction probe");
      log.flush?.();
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(out).toContain("redaction probe");
    for (const s of ["pw-1", "pw-2", "tok-3", "tok-4", "tok-5", "sec-6", "tok-7", "c-8"]) expect(out).not.toContain(s);
  });

  it("registering, logging in (right and wrong), changing the password and getting a token log no secret", async () => {
    let token = "";
    let appSecret = "";
    const out = await captureOutput(async () => {
      createLogger("web:security-test").warn("flow probe"); // proves the capture sees log lines
      const c = client();
      const reg = await c.post("/api/register", { user: "quiet", passwd: "quiet password 1" });
      token = /^hm_session=([^;]+)/.exec(reg.headers.getSetCookie()[0] ?? "")?.[1] ?? "";
      await client().post("/api/login", { user: "quiet", passwd: "quiet wrong guess" });
      await c.post("/api/change_password", { curpass: "quiet password 1", newpass: "quiet password 2" });
      const app = await c.post("/api/v1/apps", { name: "quiet app" });
      appSecret = app.body.client_secret;
      await fetch(`${api.url}/api/v1/access_token`, {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from(`${app.body.client_id}:${appSecret}`).toString("base64")}` },
        body: new URLSearchParams({ grant_type: "password", username: "quiet", password: "quiet password 2" }),
      });
    });
    expect(token).not.toBe("");
    expect(out).toContain("flow probe");
    for (const s of ["quiet password 1", "quiet password 2", "quiet wrong guess", token, appSecret]) expect(out).not.toContain(s);
  });
});

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/, with a Max-Age; not Secure over plain http", async () => {
    const res = await client().post("/api/register", { user: "cookie_http", passwd: "cookie password" });
    const cookie = res.headers.getSetCookie()[0] ?? "";
    expect(cookie).toMatch(/^hm_session=[A-Za-z0-9_-]{43}; /);
    const attrs = cookie.split("; ").slice(1);
    expect(attrs).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=2592000"]));
    expect(attrs).not.toContain("Secure");
  });

  it("is Secure when the trusted front tier says the client came over https (X-Forwarded-Proto)", async () => {
    const behindProxy = await serveApi(api.services, 1);
    try {
      const c = new TestClient(behindProxy.url);
      const res = await c.post("/api/register", { user: "cookie_https", passwd: "cookie password" }, { headers: { "x-forwarded-proto": "https" } });
      expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/);
      const out = await c.post("/api/logout", {}, { headers: { "x-forwarded-proto": "https" } });
      expect(out.headers.getSetCookie()[0]).toMatch(/^hm_session=; .*Max-Age=0.*; Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it("ignores X-Forwarded-Proto from a client when no proxy is trusted", async () => {
    const res = await client().post("/api/register", { user: "cookie_forged", passwd: "cookie password" }, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers.getSetCookie()[0]).not.toMatch(/; Secure/);
  });
});

describe("CSRF", () => {
  let browser: TestClient;
  beforeAll(async () => {
    browser = client();
    await browser.post("/api/register", { user: "csrf_victim", passwd: "victim password" });
  });

  it("a cookie-authenticated write from a foreign Origin is refused with 403 naming origin, and writes nothing", async () => {
    const before = await api.services.db.community.count();
    const res = await browser.post("/api/site_admin", { name: "csrf_sub" }, { headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(res.body.fields).toEqual(["origin"]);
    expectResponseMatchesOpenApi("POST", "/api/site_admin", res);
    expect(await api.services.db.community.count()).toBe(before);
  });

  it("a cookie-authenticated write without an Origin is refused too", async () => {
    const cookie = (await api.services.db.session.count()) > 0;
    expect(cookie).toBe(true);
    // Raw fetch: no Origin header at all.
    const login = await client().post("/api/login", { user: "csrf_victim", passwd: "victim password" });
    const session = /^hm_session=([^;]+)/.exec(login.headers.getSetCookie()[0] ?? "")?.[1];
    const res = await fetch(`${api.url}/api/site_admin`, {
      method: "POST",
      headers: { cookie: `hm_session=${session}`, "content-type": "application/x-www-form-urlencoded" },
      body: "name=csrf_sub2&api_type=json",
    });
    expect(res.status).toBe(403);
    expect(await api.services.db.community.count({ where: { nameLower: "csrf_sub2" } })).toBe(0);
    // Same-origin works.
    expect((await browser.post("/api/site_admin", { name: "csrf_sub3" })).status).toBe(200);
  });

  it("a bearer-authenticated write needs no Origin", async () => {
    const app = await browser.post("/api/v1/apps", { name: "csrf app" });
    const tok = await fetch(`${api.url}/api/v1/access_token`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${app.body.client_id}:${app.body.client_secret}`).toString("base64")}` },
      body: new URLSearchParams({ grant_type: "password", username: "csrf_victim", password: "victim password" }),
    });
    const { access_token } = (await tok.json()) as { access_token: string };
    const res = await fetch(`${api.url}/api/subscribe`, {
      method: "POST",
      headers: { authorization: `bearer ${access_token}`, "content-type": "application/x-www-form-urlencoded" },
      body: "action=sub&sr_name=csrf_sub3&api_type=json",
    });
    expect(res.status).toBe(200);
  });

  it("login and register from a foreign Origin are refused (login CSRF)", async () => {
    const login = await client().post("/api/login", { user: "csrf_victim", passwd: "victim password" }, { headers: { origin: "https://evil.example" } });
    expect(login.status).toBe(403);
    expect(login.headers.getSetCookie()).toEqual([]);
    const reg = await client().post("/api/register", { user: "csrf_new", passwd: "some password" }, { headers: { origin: "https://evil.example" } });
    expect(reg.status).toBe(403);
    expect(await api.services.db.user.count({ where: { nameLower: "csrf_new" } })).toBe(0);
  });
});

describe("login rate limits", () => {
  it("after the account's allowance of failures, even the right password gets 400 RATELIMIT (the shape PRAW parses) with Retry-After", async () => {
    await client().post("/api/register", { user: "target", passwd: "target password" });
    for (let i = 0; i < LOGIN_LIMITS.account.points; i++) {
      // Different IPs: the limit is per account.
      const res = await client().post("/api/login", { user: "target", passwd: `guess ${i}` });
      expect(res.status).toBe(400);
    }
    const blocked = await client().post("/api/login", { user: "target", passwd: "target password" });
    expect(blocked.status).toBe(400);
    expect(blocked.body.reason).toBe("RATELIMIT");
    expect(blocked.body.json.errors[0]).toEqual(["RATELIMIT", expect.stringMatching(/try again in \d+ (seconds?|minutes?)/), "ratelimit"]);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expectResponseMatchesOpenApi("POST", "/api/login", blocked);
    expect(blocked.headers.getSetCookie()).toEqual([]);
  });

  it("an unknown name is limited exactly like a real one: the limit reveals nothing", async () => {
    const answers: { status: number; reason: string }[] = [];
    for (const name of ["real_one", "made_up_name"]) {
      if (name === "real_one") await client().post("/api/register", { user: name, passwd: "real password" });
      const seq: string[] = [];
      for (let i = 0; i <= LOGIN_LIMITS.account.points; i++) {
        const res = await client().post("/api/login", { user: name, passwd: `guess ${i}` });
        seq.push(`${res.status}:${res.body.reason}`);
      }
      answers.push({ status: 0, reason: seq.join(",") });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.reason).toMatch(/,400:RATELIMIT$/);
  });

  it("one IP failing across many names is limited per IP", async () => {
    const address = "127.3.255.1";
    for (let i = 0; i < LOGIN_LIMITS.ip.points; i++) {
      const res = await client(address).post("/api/login", { user: `spray_${i}`, passwd: "password1" });
      expect(res.status).toBe(400);
    }
    const blocked = await client(address).post("/api/login", { user: "fresh_name", passwd: "password1" });
    expect(blocked.body.reason).toBe("RATELIMIT");
    // Another address is unaffected.
    expect((await client().post("/api/login", { user: "fresh_name", passwd: "password1" })).status).toBe(400);
  }, 60_000);

  it("the token endpoint shares the limit", async () => {
    const c = client();
    await c.post("/api/register", { user: "bot_owner", passwd: "owner password" });
    const app = await c.post("/api/v1/apps", { name: "limited" });
    const ask = (password: string) =>
      client(`127.4.0.${++ip}`).call("POST", "/api/v1/access_token", {
        headers: { authorization: `Basic ${Buffer.from(`${app.body.client_id}:${app.body.client_secret}`).toString("base64")}` },
        form: { grant_type: "password", username: "bot_owner", password },
      });
    for (let i = 0; i < LOGIN_LIMITS.account.points; i++) expect((await ask(`nope ${i}`)).body).toEqual({ error: "invalid_grant" });
    const blocked = await ask("owner password");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("30 parallel logins for one account, one with the right password: no more password checks than the limit, and the right one does not get in once it is spent", async () => {
    await client().post("/api/register", { user: "burst_target", passwd: "the right password" });
    const limit = LOGIN_LIMITS.account.points;
    const before = passwordChecks;
    // Each from its own address (the per-account limit is the one under test); the right guess last.
    const guesses = Array.from({ length: 30 }, (_, i) => (i === 29 ? "the right password" : `wrong guess ${i}`));
    const answers = await Promise.all(guesses.map((passwd, i) => client(`127.5.${i}.1`).post("/api/login", { user: "burst_target", passwd })));
    const checks = passwordChecks - before;
    expect(checks).toBeLessThanOrEqual(limit);
    const refused = answers.filter((a) => a.body.reason === "RATELIMIT");
    expect(refused.length).toBeGreaterThanOrEqual(30 - limit);
    for (const r of refused) expect(r.headers.getSetCookie()).toEqual([]);
    const right = answers[29]!;
    if (right.status === 200) {
      // Only if it was counted among the first `limit` attempts, which then ran its check.
      expect(checks).toBeLessThanOrEqual(limit);
    } else {
      expect(right.body.reason).toBe("RATELIMIT");
      // The allowance is spent: the right password still does not get in, and costs no hash.
      const again = await client("127.5.200.1").post("/api/login", { user: "burst_target", passwd: "the right password" });
      expect(again.body.reason).toBe("RATELIMIT");
      expect(again.headers.getSetCookie()).toEqual([]);
      expect(passwordChecks - before).toBe(checks);
    }
  });

  it("a refused login costs no password check", async () => {
    await client().post("/api/register", { user: "no_hash", passwd: "no hash password" });
    for (let i = 0; i < LOGIN_LIMITS.account.points; i++) await client().post("/api/login", { user: "no_hash", passwd: `guess ${i}` });
    const before = passwordChecks;
    for (let i = 0; i < 5; i++) expect((await client().post("/api/login", { user: "no_hash", passwd: "no hash password" })).body.reason).toBe("RATELIMIT");
    expect(passwordChecks).toBe(before);
  });

  it("parallel password changes with wrong current passwords are limited like logins", async () => {
    const c = client();
    await c.post("/api/register", { user: "changer", passwd: "changer password" });
    const before = passwordChecks;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => c.post("/api/change_password", { curpass: `wrong ${i}`, newpass: "a new password" })));
    expect(passwordChecks - before).toBeLessThanOrEqual(LOGIN_LIMITS.account.points);
    expect(answers.filter((a) => a.body.reason === "RATELIMIT").length).toBeGreaterThanOrEqual(20 - LOGIN_LIMITS.account.points);
  });

  it("a wrong name and a wrong password take similar time (a dummy hash is verified)", async () => {
    await client().post("/api/register", { user: "timed", passwd: "timed password" });
    const time = async (user: string) => {
      const t0 = performance.now();
      await client().post("/api/login", { user, passwd: "wrong password" });
      return performance.now() - t0;
    };
    await time("warmup_name");
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time("timed"));
      unknown.push(await time(`ghost_${i}`));
    }
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
