import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserWithToken } from "./fixtures.js";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

let api: TestApi;
let ipCounter = 0;
/** A client from its own IP, so login limits of one test never touch another. */
function client(): TestClient {
  ipCounter += 1;
  const c = new TestClient(api.url);
  const call = c.call.bind(c);
  c.call = (method, path, opts = {}) => call(method, path, { ...opts, headers: { "x-forwarded-for": `10.1.0.${ipCounter}`, ...opts.headers } });
  return c;
}

async function counts() {
  const db = api.services.db;
  return { users: await db.user.count(), sessions: await db.session.count() };
}

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe("register", () => {
  it("creates the account, logs it in with a session cookie, and /api/v1/me answers a flat dict", async () => {
    const c = client();
    const res = await c.post("/api/register", { user: "Alice_1", passwd: "correct horse", passwd2: "correct horse" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ json: { errors: [], data: { modhash: "", need_https: false, name: "Alice_1" } } });
    expectResponseMatchesOpenApi("POST", "/api/register", res);
    expect(JSON.stringify(res.body)).not.toMatch(/hm_session|cookie/);
    expect(res.headers.getSetCookie()[0]).toMatch(/^hm_session=[A-Za-z0-9_-]{43};/);

    const me = await c.get("/api/v1/me");
    expect(me.status).toBe(200);
    expectResponseMatchesOpenApi("GET", "/api/v1/me", me);
    expect(me.body).toMatchObject({ name: "Alice_1", link_karma: 0, comment_karma: 0, is_mod: false, is_suspended: false, has_mail: false });
    expect(me.body.kind).toBeUndefined();
    expect(typeof me.body.created_utc).toBe("number");
  });

  it.each([
    [{ user: "ab", passwd: "long enough" }, "user", "BAD_USERNAME"],
    [{ user: "bad name", passwd: "long enough" }, "user", "BAD_USERNAME"],
    [{ user: "x".repeat(21), passwd: "long enough" }, "user", "BAD_USERNAME"],
    [{ passwd: "long enough" }, "user", "NO_TEXT"],
    [{ user: "shortpw" , passwd: "short" }, "passwd", "BAD_PASSWORD"],
    [{ user: "longpw", passwd: "p".repeat(257) }, "passwd", "BAD_PASSWORD"],
    [{ user: "mismatch", passwd: "long enough", passwd2: "long enougH" }, "passwd2", "BAD_PASSWORD"],
  ])("refuses %j naming %s, writing nothing", async (form, field, code) => {
    const before = await counts();
    const res = await client().post("/api/register", form as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual([field]);
    expect(res.body.json.errors[0]).toEqual([code, expect.any(String), field]);
    expectResponseMatchesOpenApi("POST", "/api/register", res);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a taken name, compared case-insensitively, with 400 USERNAME_TAKEN (a form error, as PRAW expects)", async () => {
    await client().post("/api/register", { user: "TakenName", passwd: "long enough" });
    const before = await counts();
    const res = await client().post("/api/register", { user: "takenname", passwd: "other password" });
    expect(res.status).toBe(400);
    expect(res.body.json.errors).toEqual([["USERNAME_TAKEN", "that username is already taken", "user"]]);
    expect(await counts()).toEqual(before);
  });

  it("accepts a JSON body", async () => {
    const res = await client().call("POST", "/api/register", { json: { user: "json_user", passwd: "long enough", api_type: "json" } });
    expect(res.status).toBe(200);
  });
});

describe("login and logout", () => {
  beforeAll(async () => {
    await client().post("/api/register", { user: "bob", passwd: "bobs password" });
  });

  it("logs in by form (case-insensitive name) and by /api/login/:user, each with a new session", async () => {
    const before = await api.services.db.session.count();
    const a = client();
    const r1 = await a.post("/api/login", { user: "BOB", passwd: "bobs password" });
    expect(r1.status).toBe(200);
    expect(r1.body.json.data.name).toBe("bob");
    expectResponseMatchesOpenApi("POST", "/api/login", r1);
    expect((await a.get("/api/v1/me")).body.name).toBe("bob");
    const b = client();
    const r2 = await b.post("/api/login/bob", { passwd: "bobs password" });
    expect(r2.status).toBe(200);
    expectResponseMatchesOpenApi("POST", "/api/login/bob", r2);
    expect(await api.services.db.session.count()).toBe(before + 2);
  });

  it("a wrong password and an unknown user get the same refusal, and no session", async () => {
    const before = await counts();
    const wrong = await client().post("/api/login", { user: "bob", passwd: "not it at all" });
    const unknown = await client().post("/api/login", { user: "nobody_here", passwd: "not it at all" });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.json.errors).toEqual([["WRONG_PASSWORD", "wrong password", "passwd"]]);
    expectResponseMatchesOpenApi("POST", "/api/login", wrong);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a missing user or password naming the field", async () => {
    const noUser = await client().post("/api/login", { passwd: "x" });
    expect(noUser.status).toBe(400);
    expect(noUser.body.fields).toEqual(["user"]);
    const noPass = await client().post("/api/login", { user: "bob" });
    expect(noPass.status).toBe(400);
    expect(noPass.body.fields).toEqual(["passwd"]);
  });

  it("logout deletes the session row and clears the cookie; the old cookie no longer works", async () => {
    const c = client();
    await c.post("/api/login", { user: "bob", passwd: "bobs password" });
    const before = await api.services.db.session.count();
    const res = await c.post("/api/logout");
    expect(res.status).toBe(200);
    expectResponseMatchesOpenApi("POST", "/api/logout", res);
    expect(res.headers.getSetCookie()[0]).toMatch(/^hm_session=; .*Max-Age=0/);
    expect(await api.services.db.session.count()).toBe(before - 1);
    const me = await c.get("/api/v1/me");
    expect(me.status).toBe(401);
  });

  it("logout with a bearer token revokes the token", async () => {
    const { token } = await createUserWithToken(api.services, "token_logout");
    const c = client().useBearer(token);
    expect((await c.post("/api/logout")).status).toBe(200);
    const me = await c.get("/api/v1/me");
    expect(me.status).toBe(401);
    expect(me.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });
});

describe("change_password", () => {
  it("ends every other session (cookies and tokens) but keeps the caller's; the old password stops working", async () => {
    const main = client();
    await main.post("/api/register", { user: "carol", passwd: "old password" });
    const other = client();
    await other.post("/api/login", { user: "carol", passwd: "old password" });
    const user = await api.services.db.user.findUniqueOrThrow({ where: { nameLower: "carol" } });
    const { createSession } = await import("@hivemind/accounts");
    const bearer = await createSession(api.services.db, { userId: user.id, kind: "bearer", ttlMs: 3_600_000, now: Date.now() });
    expect(await api.services.db.session.count({ where: { userId: user.id } })).toBe(3);

    const res = await main.post("/api/change_password", { curpass: "old password", newpass: "new password", verpass: "new password" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ json: { errors: [] } });
    expectResponseMatchesOpenApi("POST", "/api/change_password", res);

    expect(await api.services.db.session.count({ where: { userId: user.id } })).toBe(1);
    expect((await main.get("/api/v1/me")).status).toBe(200);
    expect((await other.get("/api/v1/me")).status).toBe(401);
    expect((await client().useBearer(bearer.token).get("/api/v1/me")).status).toBe(401);
    expect((await client().post("/api/login", { user: "carol", passwd: "old password" })).status).toBe(400);
    expect((await client().post("/api/login", { user: "carol", passwd: "new password" })).status).toBe(200);
  });

  it.each([
    [{ curpass: "wrong one", newpass: "another password" }, "curpass", "WRONG_PASSWORD"],
    [{ curpass: "dave password", newpass: "short" }, "newpass", "BAD_PASSWORD"],
    [{ curpass: "dave password", newpass: "another password", verpass: "different" }, "verpass", "BAD_PASSWORD"],
  ])("refuses %j naming %s and changes nothing", async (form, field, code) => {
    const c = client();
    const name = `dave${++ipCounter}`;
    await c.post("/api/register", { user: name, passwd: "dave password" });
    const before = await api.services.db.user.findUniqueOrThrow({ where: { nameLower: name } });
    const res = await c.post("/api/change_password", form);
    expect(res.status).toBe(400);
    expect(res.body.json.errors[0]).toEqual([code, expect.any(String), field]);
    const after = await api.services.db.user.findUniqueOrThrow({ where: { nameLower: name } });
    expect(after.passwordHash).toBe(before.passwordHash);
  });

  it("needs a login", async () => {
    const res = await client().post("/api/change_password", { curpass: "a", newpass: "long enough" });
    expect(res.status).toBe(401);
  });
});

describe("profiles", () => {
  it("/api/v1/me anonymous: 401 with the WWW-Authenticate header prawcore needs", async () => {
    const res = await client().get("/api/v1/me");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="reddit", error="invalid_token"$/);
    expectResponseMatchesOpenApi("GET", "/api/v1/me", res);
  });

  it("/user/:name/about is a t2, by any case of the name, with or without .json", async () => {
    await client().post("/api/register", { user: "Erin", passwd: "erins password" });
    for (const path of ["/user/erin/about.json", "/user/ERIN/about.json/"]) {
      const res = await client().get(path);
      expect(res.status).toBe(200);
      expectResponseMatchesOpenApi("GET", path, res);
      expect(res.body).toMatchObject({ kind: "t2", data: { name: "Erin", is_mod: false } });
    }
    const missing = await client().get("/user/nobody_at_all/about.json");
    expect(missing.status).toBe(404);
    expect(missing.body.json.errors).toEqual([["USER_DOESNT_EXIST", "that user doesn't exist", "name"]]);
  });

  it("/api/username_available answers a bare boolean; a malformed name is a 400 naming user", async () => {
    await client().post("/api/register", { user: "Frank", passwd: "franks password" });
    const taken = await client().get("/api/username_available?user=frank");
    expect(taken.body).toBe(false);
    expectResponseMatchesOpenApi("GET", "/api/username_available", taken);
    expect((await client().get("/api/username_available.json?user=frank_2")).body).toBe(true);
    const bad = await client().get("/api/username_available?user=a");
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual(["user"]);
  });
});
