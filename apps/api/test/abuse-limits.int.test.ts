import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@hivemind/config";
import { staticLimits } from "@hivemind/core";
import { startTestApi, testRateLimits, TestClient, type TestApi } from "./harness.js";
import { createCommunity, userClient, type UserClient } from "./posts-fixtures.js";
import { expectResponseMatchesOpenApi } from "./openapi-check.js";

/**
 * Abuse limits on every write, per account and per client address, as settings (here: small
 * ones, the way an operator would set RATE_LIMIT_* or the live config's rateLimits).
 */
const HOUR = 3600;
const limits = testRateLimits({
  register: { perAccount: null, perAddress: { count: 2, windowSeconds: HOUR } },
  createCommunity: { perAccount: { count: 1, windowSeconds: HOUR }, perAddress: null },
  submit: { perAccount: { count: 2, windowSeconds: HOUR }, perAddress: { count: 3, windowSeconds: HOUR } },
  comment: { perAccount: { count: 2, windowSeconds: HOUR }, perAddress: null },
  message: { perAccount: { count: 1, windowSeconds: HOUR }, perAddress: null },
  vote: { perAccount: { count: 3, windowSeconds: HOUR }, perAddress: null },
  report: { perAccount: { count: 2, windowSeconds: HOUR }, perAddress: null },
});

let api: TestApi;
let hashes = 0;
let owner: UserClient;
beforeAll(async () => {
  api = await startTestApi({ limits: staticLimits(limits), onArgon2: (op) => void (op === "hash" && hashes++) });
  owner = await userClient(api, "limits_owner");
  await createCommunity(api.services, "limited", owner.user.id);
});
afterAll(async () => {
  await api?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies of every shape
function expectRateLimited(res: { status: number; body: any; headers: { get(n: string): string | null } }) {
  expect(res.status).toBe(400);
  expect(res.body.reason).toBe("RATELIMIT");
  expect(res.body.fields).toEqual(["ratelimit"]);
  // reddit's text, which PRAW's _handle_rate_limit parses: ([0-9]{1,3}) (milliseconds?|seconds?|minutes?)
  expect(res.body.json.errors[0]).toEqual(["RATELIMIT", expect.stringMatching(/^you are doing that too much\. try again in [0-9]{1,3} (seconds?|minutes?)\.$/), "ratelimit"]);
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
}

/** A bearer client of a fresh account connecting from `address`. */
async function person(name: string, address: string) {
  const p = await userClient(api, name);
  return { ...p, client: new TestClient(api.url, { sourceAddress: address }).useBearer(p.token) };
}

describe("register", () => {
  it("is limited per address, and a refused attempt runs no argon2 hash", async () => {
    const c = () => new TestClient(api.url, { sourceAddress: "127.6.0.1" });
    expect((await c().post("/api/register", { user: "reg_one", passwd: "a good password" })).status).toBe(200);
    expect((await c().post("/api/register", { user: "reg_two", passwd: "a good password" })).status).toBe(200);
    const before = hashes;
    const refused = await c().post("/api/register", { user: "reg_three", passwd: "a good password" });
    expectRateLimited(refused);
    expectResponseMatchesOpenApi("POST", "/api/register", refused);
    expect(hashes).toBe(before);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await api.services.db.user.count({ where: { nameLower: "reg_three" } })).toBe(0);
    // Another address still may.
    expect((await new TestClient(api.url, { sourceAddress: "127.6.0.2" }).post("/api/register", { user: "reg_three", passwd: "a good password" })).status).toBe(200);
  });

  it("parallel sign-ups from one address: exactly the allowance gets through", async () => {
    const before = hashes;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => new TestClient(api.url, { sourceAddress: "127.6.1.1" }).post("/api/register", { user: `burst_reg_${i}`, passwd: "a good password" })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(answers.filter((a) => a.body.reason === "RATELIMIT")).toHaveLength(8);
    expect(hashes - before).toBe(2);
  });
});

describe("create community", () => {
  it("is limited per account; updating a community does not count", async () => {
    const p = await person("founder", "127.6.2.1");
    expect((await p.client.post("/api/site_admin", { name: "first_sub" })).status).toBe(200);
    const refused = await p.client.post("/api/site_admin", { name: "second_sub" });
    expectRateLimited(refused);
    expect(await api.services.db.community.count({ where: { nameLower: "second_sub" } })).toBe(0);
    const sub = await api.services.db.community.findUniqueOrThrow({ where: { nameLower: "first_sub" } });
    expect((await p.client.post("/api/site_admin", { sr: `t5_${sub.id.toString(36)}`, title: "renamed" })).status).toBe(200);
  });
});

describe("submit", () => {
  it("is limited per account and per address", async () => {
    const a = await person("submitter_a", "127.6.3.1");
    const b = await person("submitter_b", "127.6.3.1");
    const submit = (p: typeof a, title: string) => p.client.post("/api/submit", { kind: "self", sr: "limited", title, text: "x" });
    expect((await submit(a, "a1")).status).toBe(200);
    expect((await submit(a, "a2")).status).toBe(200);
    expectRateLimited(await submit(a, "a3")); // the account's 2
    expect((await submit(b, "b1")).status).toBe(200);
    expectRateLimited(await submit(b, "b2")); // the address's 3
    expect(await api.services.db.post.count({ where: { title: { in: ["a3", "b2"] } } })).toBe(0);
    // b from another address is within both.
    const bElsewhere = new TestClient(api.url, { sourceAddress: "127.6.3.2" }).useBearer(b.token);
    expect((await bElsewhere.post("/api/submit", { kind: "self", sr: "limited", title: "b3", text: "x" })).status).toBe(200);
  });
});

describe("comment, message, vote, report", () => {
  it("each is limited per account", async () => {
    const p = await person("chatty", "127.6.4.1");
    // Three posts to act on, each by its own author from its own address (submit is limited too).
    const targets: string[] = [];
    for (let i = 0; i < 3; i++) {
      const author = await person(`target_author_${i}`, `127.6.4.${10 + i}`);
      targets.push((await author.client.post("/api/submit", { kind: "self", sr: "limited", title: `target ${i}`, text: "x" })).body.json.data.name);
    }
    const thing = targets[0]!;

    for (let i = 0; i < 2; i++) expect((await p.client.post("/api/comment", { thing_id: thing, text: `c${i}` })).status).toBe(200);
    expectRateLimited(await p.client.post("/api/comment", { thing_id: thing, text: "c2" }));
    expect(await api.services.db.comment.count({ where: { body: "c2" } })).toBe(0);

    // A message has its own allowance: the comments spent above leave it whole.
    const message = (subject: string) => p.client.post("/api/compose", { to: "target_author_0", subject, text: "hello" });
    expect((await message("m1")).status).toBe(200);
    expectRateLimited(await message("m2"));
    expect(await api.services.db.message.count({ where: { subject: "m2" } })).toBe(0);

    for (const dir of ["1", "0", "-1"]) expect((await p.client.post("/api/vote", { id: thing, dir })).status).toBe(200);
    expectRateLimited(await p.client.post("/api/vote", { id: thing, dir: "1" }));

    expect((await p.client.post("/api/report", { id: targets[0]!, reason: "spam" })).status).toBe(200);
    expect((await p.client.post("/api/report", { id: targets[1]!, reason: "spam" })).status).toBe(200);
    expectRateLimited(await p.client.post("/api/report", { id: targets[2]!, reason: "spam" }));
    expect(await api.services.db.report.count({ where: { reporterId: p.user.id } })).toBe(2);
  });
});

describe("npm run ops -- users create", () => {
  function ops(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn("npx", ["tsx", "apps/ops/src/cli.ts", "users", "create", ...args], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: api.database.url, LOG_LEVEL: "error" } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
      child.stdin.end(stdin);
    });
  }

  it("creates an account from the shell, the password read from stdin; it logs in through the API", async () => {
    const made = await ops(["Operator_Made", "--json"], "an operator password\n");
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout.trim())).toMatchObject({ name: "Operator_Made", admin: false });
    const login = await new TestClient(api.url, { sourceAddress: "127.6.5.1" }).post("/api/login", { user: "operator_made", passwd: "an operator password" });
    expect(login.status).toBe(200);
    const taken = await ops(["operator_made", "--json"], "another password\n");
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("taken");
    const short = await ops(["too_short_pw"], "abc\n");
    expect(short.code).toBe(2);
    expect(await api.services.db.user.count({ where: { nameLower: "too_short_pw" } })).toBe(0);
  }, 60_000);
});
