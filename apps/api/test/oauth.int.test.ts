import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionIdOf } from "@hivemind/accounts";
import { startTestApi, TestClient, type TestApi } from "./harness.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

let api: TestApi;
let owner: TestClient;
let app: { client_id: string; client_secret: string };

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

/** A token request exactly as prawcore sends it: Basic auth, sorted form keys, no api_type, no Origin. */
async function requestToken(id: string, secret: string, form: Record<string, string>, ip = "10.2.0.1") {
  const body = new URLSearchParams(Object.entries(form).sort(([a], [b]) => a.localeCompare(b))).toString();
  const res = await fetch(`${api.url}/api/v1/access_token`, {
    method: "POST",
    headers: { authorization: basic(id, secret), "content-type": "application/x-www-form-urlencoded", "user-agent": "test PRAW/7 prawcore/2", "x-forwarded-for": ip },
    body,
  });
  const parsed = { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  expectResponseMatchesOpenApi("POST", "/api/v1/access_token", parsed);
  return parsed;
}

beforeAll(async () => {
  api = await startTestApi();
  owner = new TestClient(api.url);
  await owner.post("/api/register", { user: "scripter", passwd: "scripter password" });
  const res = await owner.call("POST", "/api/v1/apps", { json: { name: "my bot" } });
  expect(res.status).toBe(200);
  app = res.body;
});
afterAll(async () => {
  await api?.close();
});

describe("script apps", () => {
  it("creating one shows the secret once; only its hash is stored and the list never shows it", async () => {
    expect(app.client_id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(app.client_secret).toMatch(/^[A-Za-z0-9_-]{28}$/);
    const row = await api.services.db.oAuthClient.findUniqueOrThrow({ where: { clientId: app.client_id } });
    expect(row.secretHash).not.toContain(app.client_secret);
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    const list = await owner.get("/api/v1/apps");
    expectResponseMatchesOpenApi("GET", "/api/v1/apps", list);
    expect(list.body.apps).toEqual([{ client_id: app.client_id, name: "my bot", type: "script", created_utc: expect.any(Number) }]);
    expect(JSON.stringify(list.body)).not.toContain(app.client_secret);
  });

  it("refuses a blank or overlong name (naming it), an anonymous caller, and a bearer token; nothing is written", async () => {
    const before = await api.services.db.oAuthClient.count();
    const blank = await owner.post("/api/v1/apps", { name: "  " });
    expect(blank.status).toBe(400);
    expect(blank.body.fields).toEqual(["name"]);
    expectResponseMatchesOpenApi("POST", "/api/v1/apps", blank);
    const long = await owner.post("/api/v1/apps", { name: "x".repeat(101) });
    expect(long.body.json.errors[0]).toEqual(["TOO_LONG", expect.any(String), "name"]);
    expect((await new TestClient(api.url).post("/api/v1/apps", { name: "x" })).status).toBe(401);
    const token = (await requestToken(app.client_id, app.client_secret, { grant_type: "password", username: "scripter", password: "scripter password" })).body.access_token as string;
    const viaToken = await new TestClient(api.url).useBearer(token).post("/api/v1/apps", { name: "x" });
    expect(viaToken.status).toBe(403);
    expect(await api.services.db.oAuthClient.count()).toBe(before);
  });
});

describe("POST /api/v1/access_token", () => {
  it("the password grant answers prawcore's shape, and the token works as a bearer on the API", async () => {
    const res = await requestToken(app.client_id, app.client_secret, { grant_type: "password", username: "scripter", password: "scripter password" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 3600, scope: "*" });
    const token = res.body.access_token as string;
    const session = await api.services.db.session.findUniqueOrThrow({ where: { id: sessionIdOf(token) } });
    expect(session).toMatchObject({ kind: "bearer", clientId: app.client_id, scope: "*" });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(3_600_000);
    const me = await new TestClient(api.url).useBearer(token).get("/api/v1/me?raw_json=1", { headers: { origin: "" } });
    expect(me.status).toBe(200);
    expect(me.body.name).toBe("scripter");
  });

  it("a wrong password, an unknown user and another user's password all answer 200 invalid_grant, as reddit does", async () => {
    await new TestClient(api.url).post("/api/register", { user: "someone_else", passwd: "someone password" });
    const sessions = await api.services.db.session.count();
    for (const [username, password] of [
      ["scripter", "wrong password"],
      ["ghost_user", "whatever it is"],
      ["someone_else", "someone password"],
    ]) {
      const res = await requestToken(app.client_id, app.client_secret, { grant_type: "password", username: username!, password: password! }, "10.2.0.2");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ error: "invalid_grant" });
    }
    expect(await api.services.db.session.count()).toBe(sessions);
  });

  it("bad client credentials: 401 invalid_client", async () => {
    for (const [id, secret] of [
      [app.client_id, "not-the-secret"],
      [app.client_id, ""],
      ["unknown-client-id", app.client_secret],
    ]) {
      const res = await requestToken(id!, secret!, { grant_type: "password", username: "scripter", password: "scripter password" });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: "invalid_client" });
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="reddit"');
    }
    const noAuth = await fetch(`${api.url}/api/v1/access_token`, { method: "POST", body: new URLSearchParams({ grant_type: "password" }) });
    expect(noAuth.status).toBe(401);
  });

  it("other grants: 200 unsupported_grant_type; a missing username or password: 400 invalid_request naming it", async () => {
    const cc = await requestToken(app.client_id, app.client_secret, { grant_type: "client_credentials" });
    expect(cc).toMatchObject({ status: 200, body: { error: "unsupported_grant_type" } });
    const noUser = await requestToken(app.client_id, app.client_secret, { grant_type: "password", password: "x" });
    expect(noUser).toMatchObject({ status: 400, body: { error: "invalid_request", fields: ["username"] } });
    const noPass = await requestToken(app.client_id, app.client_secret, { grant_type: "password", username: "scripter" });
    expect(noPass).toMatchObject({ status: 400, body: { error: "invalid_request", fields: ["password"] } });
  });

  it("deleting the app revokes its tokens; another user cannot delete it", async () => {
    const made = await owner.call("POST", "/api/v1/apps", { json: { name: "short lived" } });
    const token = (await requestToken(made.body.client_id, made.body.client_secret, { grant_type: "password", username: "scripter", password: "scripter password" })).body.access_token as string;
    const stranger = new TestClient(api.url);
    await stranger.post("/api/register", { user: "stranger", passwd: "stranger password" });
    const refused = await stranger.call("DELETE", `/api/v1/apps/${made.body.client_id}`);
    expect(refused.status).toBe(404);
    expect(refused.body.fields).toEqual(["client_id"]);
    expect(await api.services.db.oAuthClient.count({ where: { clientId: made.body.client_id } })).toBe(1);

    const del = await owner.call("DELETE", `/api/v1/apps/${made.body.client_id}`);
    expect(del.status).toBe(200);
    expectResponseMatchesOpenApi("DELETE", `/api/v1/apps/${made.body.client_id}`, del);
    const me = await new TestClient(api.url).useBearer(token).get("/api/v1/me");
    expect(me.status).toBe(401);
    expect(me.headers.get("www-authenticate")).toContain("invalid_token");
  });
});

describe("npm run ops -- oauth create-client", () => {
  const env = () => ({ ...process.env, DATABASE_URL: api.database.url, LOG_LEVEL: "error" });
  const cli = ["tsx", "apps/ops/src/cli.ts", "oauth", "create-client"];

  it("prints {client_id, client_secret, user} whose credentials the token endpoint accepts", async () => {
    const { stdout } = await run("npx", [...cli, "--user", "SCRIPTER", "--name", "cli bot", "--json"], { cwd: repoRoot, env: env() });
    const printed = JSON.parse(stdout.trim()) as { client_id: string; client_secret: string; user: string };
    expect(printed).toEqual({ client_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), client_secret: expect.any(String), user: "scripter" });
    const res = await requestToken(printed.client_id, printed.client_secret, { grant_type: "password", username: "scripter", password: "scripter password" });
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe("bearer");
  }, 60_000);

  it("refuses a malformed or unknown user with a non-zero exit and writes nothing", async () => {
    const before = await api.services.db.oAuthClient.count();
    const bad = await run("npx", [...cli, "--user", "no spaces allowed", "--json"], { cwd: repoRoot, env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2 });
    expect((bad as { stderr: string }).stderr).toContain("--user");
    const unknown = await run("npx", [...cli, "--user", "nobody_known", "--json"], { cwd: repoRoot, env: env() }).catch((e: { code: number; stderr: string }) => e);
    expect(unknown).toMatchObject({ code: 1 });
    expect((unknown as { stderr: string }).stderr).toContain("no such user");
    expect(await api.services.db.oAuthClient.count()).toBe(before);
  }, 60_000);
});
