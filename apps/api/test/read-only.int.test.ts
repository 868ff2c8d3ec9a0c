import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@hivemind/config";
import { Coord, LiveConfig } from "@hivemind/coord";
import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import { createServices, type AppServices } from "../src/services.js";
import { createCommunity } from "./posts-fixtures.js";
import { createUserWithToken } from "./fixtures.js";
import { serveApi, TestClient } from "./harness.js";
import { liveConfigTestEnv, ops } from "./live-config-cli.js";

// The real API server over a LiveConfig on a ZooKeeper root of this file's own; the config is
// changed through the ops CLI, as an operator would, and the server is never restarted.
const env = liveConfigTestEnv("readonly");
const opsEnv = { HIVEMIND_ENV: env };
let coord: Coord;
let live: LiveConfig;
let database: TestDatabase;
let services: AppServices & { destroy(): Promise<void> };
let server: { url: string; close(): Promise<void> };
let bob: TestClient;
let postName: string;

/** Set values with the CLI and wait until this process runs the version it wrote. */
async function set(...assignments: string[]): Promise<void> {
  const res = await ops(["config", "set", ...assignments, "--json"], opsEnv);
  expect(res.code, res.stderr).toBe(0);
  const { version } = JSON.parse(res.stdout) as { version: number };
  const deadline = Date.now() + 1_000;
  while (live.version < version) {
    if (Date.now() > deadline) throw new Error(`version ${version} did not arrive within 1 s (running ${live.version})`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  coord = new Coord({ connectString: config().zookeeper.connectString, root: `/hivemind/${env}` });
  live = await LiveConfig.start({ coord });
  database = await createTestDatabase();
  services = await createServices({ databaseUrl: database.url, live });
  server = await serveApi(services);
  const alice = await createUserWithToken(services, "alice");
  const b = await createUserWithToken(services, "bob");
  await createCommunity(services, "readonly", alice.user.id);
  bob = new TestClient(server.url).useBearer(b.token);
  const submitted = await new TestClient(server.url).useBearer(alice.token).post("/api/submit", { kind: "self", sr: "readonly", title: "vote on me", text: "" });
  postName = submitted.body.json.data.name as string;
});

afterAll(async () => {
  await server?.close();
  await services?.destroy();
  await database?.drop();
  await live?.destroy();
  await coord?.removeTree(coord.root).catch(() => undefined);
  await coord?.destroy();
});

describe("read-only mode from the live config", () => {
  it("set with ops config makes the running API refuse a vote with READ_ONLY_MODE, and unset makes it accept one", async () => {
    expect((await bob.post("/api/vote", { dir: "1", id: postName })).status).toBe(200);

    await set("readOnly.enabled=true", "readOnly.message=down for maintenance until noon");
    const refused = await bob.post("/api/vote", { dir: "-1", id: postName });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ reason: "READ_ONLY_MODE", message: "down for maintenance until noon", json: { errors: [["READ_ONLY_MODE", "down for maintenance until noon", ""]] } });
    // The refused vote changed nothing.
    const row = await services.db.vote.findFirst({ where: { userId: (await services.db.user.findFirstOrThrow({ where: { name: "bob" } })).id } });
    expect(row?.dir).toBe(1);
    // Reads go on.
    expect((await bob.get("/api/health")).body).toMatchObject({ status: "ok", readOnly: true, config: { version: live.version, source: "zookeeper" } });
    expect((await bob.get("/r/readonly/about")).status).toBe(200);

    await set("readOnly.enabled=false");
    expect((await bob.post("/api/vote", { dir: "-1", id: postName })).status).toBe(200);
  });

  it("refuses posting and registering but lets an account log in", async () => {
    await set("readOnly.enabled=true");
    const anon = new TestClient(server.url);
    const submit = await bob.post("/api/submit", { kind: "self", sr: "readonly", title: "not now", text: "" });
    expect(submit.body.reason).toBe("READ_ONLY_MODE");
    expect((await anon.post("/api/register", { user: "carol", passwd: "correct horse battery" })).body.reason).toBe("READ_ONLY_MODE");
    const login = await anon.post("/api/login", { user: "bob", passwd: "wrong password" });
    expect(login.body.reason).not.toBe("READ_ONLY_MODE");
    await set("readOnly.enabled=false");
  });

  it("sign-ups off refuses /api/register with SIGNUPS_DISABLED; on again, it registers", async () => {
    const anon = new TestClient(server.url);
    await set("signupsEnabled=false");
    const refused = await anon.post("/api/register", { user: "carol", passwd: "correct horse battery" });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ reason: "SIGNUPS_DISABLED" });
    expect(refused.body.message).toMatch(/sign-ups are closed/);
    expect(await services.db.user.findFirst({ where: { name: "carol" } })).toBeNull();
    await set("signupsEnabled=true");
    expect((await anon.post("/api/register", { user: "carol", passwd: "correct horse battery" })).status).toBe(200);
  });
});
