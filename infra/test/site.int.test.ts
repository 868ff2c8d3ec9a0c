// The shipped processes behind the front tier: a site started by the same launcher code as
// `npm start` (startSite), on a port set of its own and a fresh database.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@hivemind/config";
import { RATE_LIMITED_ACTIONS, type RateLimitSettings } from "@hivemind/core";
import { createDeps, createTestDatabase, type Deps, type TestDatabase } from "@hivemind/db";
import { newSessionToken, sessionIdOf, SESSION_COOKIE } from "@hivemind/accounts";
import { instanceHealthy, siteConfig, startSite, type Site } from "../src/site.js";
import { SiteClient } from "./site-client.js";
// PRAW's scripts and virtualenv live with the API's PRAW tests; here they drive the public port.
import {
  accountEnv,
  driveEnv,
  driveScript,
  MODERATION_STEPS,
  moderationScript,
  POSTS_STEPS,
  postsScript,
  runPraw,
  type PrawAccount,
} from "../../apps/api/test/praw/venv.js";

const CACHE_SECONDS = 2;
let database: TestDatabase;
let deps: Deps & { destroy(): Promise<void> };
let site: Site;
let base: string;

/**
 * The abuse limits of this site: every test client comes from 127.0.0.1 through nginx, so the
 * per-address limits (sign-ups above all: 5 an hour) are off here; the per-account limits and
 * the failed-login limits stay as configured. Settings, as an operator sets them: the launcher
 * hands them to the app processes as RATE_LIMIT_* variables.
 */
function siteRateLimits(): RateLimitSettings {
  const limits = structuredClone(config().rateLimits);
  for (const action of RATE_LIMITED_ACTIONS) if (action !== "login") limits[action].perAddress = null;
  return limits;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const cfg = await siteConfig(config(), { databaseUrl: database.url, pageCacheSeconds: CACHE_SECONDS, pageStaleSeconds: 10 });
  site = await startSite({ ...cfg, rateLimits: siteRateLimits() }, { id: "site-test" });
  base = site.url;
  deps = await createDeps({ url: database.url, applicationName: "site-test" });
}, 180_000);

afterAll(async () => {
  await site?.stop();
  await deps?.destroy();
  await database?.drop();
}, 60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let serial = 0;
const unique = (prefix: string) => `${prefix}_${process.pid.toString(36)}${(serial++).toString(36)}`;

async function community(owner: SiteClient, name = unique("sr")): Promise<string> {
  const res = await owner.post("/api/site_admin", { name, title: `${name} title` });
  expect(res.status, res.text).toBe(200);
  return name;
}

async function submit(author: SiteClient, sr: string, title: string): Promise<string> {
  const res = await author.post("/api/submit", { kind: "self", sr, title, text: "body" });
  expect(res.status, res.text).toBe(200);
  return res.json().json.data.name as string;
}

/**
 * Users with sessions written straight to the database (registering through the API would meet
 * its per-address sign-up limit: every test client comes from 127.0.0.1). A cookie session makes
 * a browser, a bearer one a script.
 */
async function fixtureUsers(prefix: string, n: number, kind: "cookie" | "bearer"): Promise<{ name: string; token: string }[]> {
  const users = Array.from({ length: n }, (_, i) => ({ id: deps.ids.next(), name: unique(`${prefix}${i}`) }));
  await deps.db.user.createMany({ data: users.map((u) => ({ ...u, nameLower: u.name.toLowerCase(), passwordHash: "!fixture" })) });
  const tokens = users.map(() => newSessionToken());
  await deps.db.session.createMany({
    data: users.map((u, i) => ({ id: sessionIdOf(tokens[i]!), userId: u.id, kind, scope: "*", expiresAt: new Date(Date.now() + 3_600_000) })),
  });
  return users.map((u, i) => ({ name: u.name, token: tokens[i]! }));
}

async function browser(prefix: string): Promise<{ name: string; client: SiteClient }> {
  const [u] = await fixtureUsers(prefix, 1, "cookie");
  return { name: u!.name, client: new SiteClient(base).withSession(SESSION_COOKIE, u!.token) };
}

/** The name the page's header shows as logged in, or null for a logged-out page. */
function headerUser(html: string): string | null {
  const m = /class="user-name"[^>]*>([^<]+)</.exec(html);
  if (m) return m[1]!;
  expect(html).toContain(">log in<");
  return null;
}

describe("the front tier routes to the shipped processes", () => {
  it("sends API shapes to the API and pages to the renderer; static files are immutable", async () => {
    const anon = new SiteClient(base);
    const me = await anon.get("/api/v1/me");
    expect(me.status).toBe(401);
    expect(String(me.headers["content-type"])).toContain("application/json");
    const about = await anon.get("/r/nosuch/about.json/");
    expect(String(about.headers["content-type"])).toContain("application/json");
    const page = await anon.get("/login");
    expect(String(page.headers["content-type"])).toContain("text/html");
    const asset = /\/_next\/static\/[^"]+\.js/.exec(page.text)?.[0];
    expect(asset).toBeTruthy();
    const js = await anon.get(asset!);
    expect(js.status).toBe(200);
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const icon = await anon.get("/favicon.ico");
    expect(icon.status).toBe(200);
    expect(String(icon.headers["content-type"])).toContain("image/");
  });

  it("refuses a body past the cap with 413", async () => {
    const res = await new SiteClient(base).post("/api/login", { user: "x", passwd: "y".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe("page security headers", () => {
  it("each page carries a CSP with a fresh nonce that every one of its scripts bears, no script without it, and the framing headers", async () => {
    // A logged-in reader's pages are rendered for each request (never from the front tier's cache).
    const { client } = await browser("csp");
    const nonces: string[] = [];
    for (const pagePath of ["/", "/subreddits", "/submit"]) {
      const res = await client.get(pagePath);
      expect(res.status).toBe(200);
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("'strict-dynamic'");
      expect(csp).toContain("frame-ancestors 'none'");
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      nonces.push(nonce!);
      const scripts = res.text.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(res.headers["strict-transport-security"]).toBeUndefined();
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe("kept-alive connections", () => {
  it("a client idling 10 s on a kept-alive connection and then POSTing gets a normal answer", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(base);
    const call = (method: string, p: string, body?: string) =>
      new Promise<{ status: number; reused: boolean; body: string }>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, method, path: p, agent, headers: body ? { "content-type": "application/x-www-form-urlencoded" } : {} }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, body: text }));
        });
        req.on("error", reject);
        req.end(body);
      });
    try {
      expect((await call("GET", "/api/v1/me")).status).toBe(401);
      await sleep(10_500);
      const after = await call("POST", "/api/login", "user=nobody_here&passwd=wrong-password&api_type=json");
      expect(after.reused).toBe(true);
      expect(after.status).toBeLessThan(500);
      expect(JSON.parse(after.body)).toHaveProperty("json");
    } finally {
      agent.destroy();
    }
  }, 30_000);
});

describe("a thousand users voting at once through the front tier", () => {
  it("no reset, no 5xx, and ups and downs equal to the votes table", async () => {
    const VOTERS = 1000;
    const author = (await browser("hot")).client;
    const sr = await community(author);
    const postName = await submit(author, sr, "the hot post");
    const voters = await fixtureUsers("v", VOTERS, "bearer");
    const users = voters;
    const tokens = voters.map((v) => v.token);
    // Each voter casts 1–3 votes in a row, all at once; the last one counts.
    const plans = users.map((_, i) => Array.from({ length: 1 + (i % 3) }, (_, j) => String(((i * 7 + j * 3) % 3) - 1)));
    const outcomes = await Promise.all(
      plans.map(async (dirs, i) => {
        const client = new SiteClient(base).useBearer(tokens[i]!);
        const seen: (number | string)[] = [];
        for (const dir of dirs) {
          try {
            const res = await client.post("/api/vote", { id: postName, dir });
            seen.push(res.status === 200 ? 200 : `${res.status} ${res.text.slice(0, 160)}`);
          } catch (err) {
            seen.push(String((err as Error).message));
          }
        }
        return seen;
      }),
    );
    expect(outcomes.flat().filter((s) => s !== 200)).toEqual([]);

    const expectedUps = plans.filter((p) => p.at(-1) === "1").length + 1; // + the author's own upvote
    const expectedDowns = plans.filter((p) => p.at(-1) === "-1").length;
    const postId = BigInt(parseInt(postName.slice(3), 36));
    const settle = async () => {
      const [row] = await deps.db.$queryRaw<{ ups: number; downs: number; vups: bigint; vdowns: bigint; pending: bigint }[]>`
        SELECT p.ups, p.downs,
          (SELECT count(*) FROM votes WHERE thing_id = p.id AND dir = 1) AS vups,
          (SELECT count(*) FROM votes WHERE thing_id = p.id AND dir = -1) AS vdowns,
          (SELECT count(*) FROM votes WHERE thing_id = p.id AND dir <> counted_dir) AS pending
        FROM posts p WHERE p.id = ${postId}`;
      return row!;
    };
    const deadline = Date.now() + 90_000;
    let state = await settle();
    while ((state.pending > 0n || state.ups !== Number(state.vups) || state.downs !== Number(state.vdowns)) && Date.now() < deadline) {
      await sleep(250);
      state = await settle();
    }
    expect(Number(state.vups)).toBe(expectedUps);
    expect(Number(state.vdowns)).toBe(expectedDowns);
    expect(state.ups).toBe(expectedUps);
    expect(state.downs).toBe(expectedDowns);
  }, 180_000);
});

describe("the logged-out page cache", () => {
  let sr: string;
  let alice: SiteClient;
  let bob: SiteClient;
  let aliceName: string;
  let bobName: string;
  let postPath: string;

  beforeAll(async () => {
    const author = (await browser("author")).client;
    sr = await community(author);
    const post = await submit(author, sr, "a post for everyone");
    postPath = `/r/${sr}/comments/${post.slice(3)}`;
    ({ name: aliceName, client: alice } = await browser("alice"));
    ({ name: bobName, client: bob } = await browser("bob"));
  });

  it("never gives a logged-out reader a page rendered for a user, nor one user another's, in any order", async () => {
    const anon = new SiteClient(base);
    const readers: [SiteClient, string | null][] = [
      [anon, null],
      [alice, aliceName],
      [bob, bobName],
    ];
    const orders = [
      [0, 1, 2, 0],
      [1, 0, 2, 1],
      [2, 1, 0, 2],
      [1, 2, 0, 0],
    ];
    for (const pagePath of ["/", `/r/${sr}`, postPath, "/subreddits"]) {
      for (const order of orders) {
        for (const i of order) {
          const [client, expected] = readers[i]!;
          const res = await client.get(pagePath);
          expect(res.status, pagePath).toBe(200);
          expect(headerUser(res.text), `${pagePath} as ${expected ?? "logged out"}`).toBe(expected);
          if (expected === null) {
            expect(res.headers["cache-control"]).toBe(`public, s-maxage=${CACHE_SECONDS}, stale-while-revalidate=10`);
            // Else a browser's own cache would show this copy right after its reader logs in.
            expect(String(res.headers.vary)).toContain("Cookie");
          } else {
            expect(res.headers["cache-control"]).toBe("private, no-store");
            expect(res.headers["x-cache"]).not.toBe("HIT");
          }
        }
      }
    }
  });

  it("serves a logged-out page from the cache (one render for many readers)", async () => {
    const anon = new SiteClient(base);
    await anon.get(`/r/${sr}`);
    const again = await Promise.all(Array.from({ length: 20 }, () => anon.get(`/r/${sr}`)));
    expect(again.filter((r) => r.headers["x-cache"] === "HIT" || r.headers["x-cache"] === "UPDATING" || r.headers["x-cache"] === "STALE").length).toBeGreaterThan(0);
  });

  it("shows an author their new post at once, and logged-out readers within the cache time", async () => {
    const anon = new SiteClient(base);
    expect((await anon.get(`/r/${sr}`)).status).toBe(200); // now cached
    const title = `fresh news ${unique("t")}`;
    await submit(alice, sr, title);
    const t0 = Date.now();
    expect((await alice.get(`/r/${sr}`)).text).toContain(title);
    let seenAfter = -1;
    while (Date.now() - t0 < (CACHE_SECONDS + 5) * 1000) {
      if ((await anon.get(`/r/${sr}`)).text.includes(title)) {
        seenAfter = Date.now() - t0;
        break;
      }
      await sleep(100);
    }
    expect(seenAfter).toBeGreaterThanOrEqual(0);
    // The cache time, plus the one background render that refreshes it.
    expect(seenAfter).toBeLessThan(CACHE_SECONDS * 1000 + 2_500);
  }, 30_000);
});

describe("an API instance killed during a read load", () => {
  it("fails no GET; the instance is restarted at once and takes traffic again", async () => {
    const sr = await community((await browser("reader")).client);
    const victim = site.instances().find((i) => i.name === "api-0")!;
    const failures: string[] = [];
    let requests = 0;
    let loading = true;
    const load = Array.from({ length: 8 }, async () => {
      const client = new SiteClient(base);
      while (loading) {
        try {
          const res = await client.get(`/r/${sr}/about.json`);
          requests++;
          if (res.status !== 200) failures.push(`${res.status} ${res.text.slice(0, 200)}`);
        } catch (err) {
          failures.push(String((err as Error).message));
        }
      }
    });
    try {
      await sleep(1_000);
      const killedAt = Date.now();
      process.kill(victim.pid!, "SIGKILL");
      // The supervisor starts a new process at once (100 ms); it answers once it has booted.
      let respawned: number | null = null;
      let back: number | null = null;
      while (Date.now() - killedAt < 15_000) {
        const now = site.instances().find((i) => i.name === "api-0")!;
        if (now.pid !== null && now.pid !== victim.pid) {
          respawned ??= Date.now() - killedAt;
          if (await instanceHealthy(now)) {
            back = Date.now() - killedAt;
            break;
          }
        }
        await sleep(20);
      }
      expect(back, "api-0 serving again").not.toBeNull();
      console.log(`api-0 killed: new process after ${respawned} ms, answering on its port after ${back} ms`);
      expect(respawned!).toBeLessThan(2_000);
      // nginx sends it requests again: access-log lines written after it came back (the log flushes each second).
      await sleep(1_200);
      const log = path.join(site.cfg.stateDir, "sites", site.id, "nginx", "access.log");
      const offset = fs.statSync(log).size;
      const servedAgain = () => fs.readFileSync(log, "utf8").slice(offset).split("\n").some((l) => l.includes(`upstream=127.0.0.1:${victim.port} `) && l.includes(" 200 "));
      const deadline = Date.now() + 15_000;
      while (!servedAgain() && Date.now() < deadline) await sleep(200);
      expect(servedAgain()).toBe(true);
    } finally {
      loading = false;
      await Promise.all(load);
    }
    expect(requests).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 60_000);
});

describe("PRAW, unmodified, through the public port of the shipped processes", () => {
  /** Signs up the browser way, then creates a script app as the prefs page does. */
  async function accountWithApp(name: string, password = `${name}-password`): Promise<PrawAccount & { client: SiteClient }> {
    const client = new SiteClient(base);
    await client.register(name, password);
    const app = await client.post("/api/v1/apps", { name: `${name}'s script` });
    expect(app.status, app.text).toBe(200);
    return { name, password, clientId: app.json().client_id as string, secret: app.json().client_secret as string, client };
  }

  it("me, a community, text and link posts, replies, votes, saves, edits, deletes, fetch by id, moderation", async () => {
    const owner = await accountWithApp(unique("praw_owner"), "owner-password-1");
    const other = await accountWithApp(unique("praw_other"), "other-password-1");
    const steps = await runPraw(driveScript, driveEnv(base, unique("prawfront").slice(0, 20), owner, other));
    expect(steps).toEqual(expect.arrayContaining(["me", "create_subreddit", "submit_self", "submit_link", "reply", "vote", "save", "edit", "fetch_tree", "remove_approve", "banned_refused", "modlog", "delete"]));
    expect(steps.at(-1)).toBe("done");
  }, 300_000);

  it("posts.py: submit, reply at depth, edit, replace_more, vote, save/hide, every listing against the JSON, report, delete", async () => {
    const poster = await accountWithApp(unique("praw_poster"));
    const sr = await community(poster.client, unique("prawposts").slice(0, 20));
    const steps = await runPraw(postsScript, { HM_URL: base, HM_SUBREDDIT: sr, ...accountEnv("HM", poster) });
    expect(steps).toEqual(POSTS_STEPS);
  }, 300_000);

  it("moderation.py: remove/approve/lock/sticky, bans, moderators, the mod queue and the mod log", async () => {
    const mod = await accountWithApp(unique("praw_mod"));
    const author = await accountWithApp(unique("praw_author"));
    const troll = await accountWithApp(unique("praw_troll"));
    const steps = await runPraw(moderationScript, {
      HM_URL: base,
      HM_SUBREDDIT: unique("prawmods").slice(0, 20),
      ...accountEnv("HM", mod),
      ...accountEnv("HM_AUTHOR", author),
      ...accountEnv("HM_TROLL", troll),
    });
    expect(steps).toEqual(MODERATION_STEPS);
  }, 300_000);
});
