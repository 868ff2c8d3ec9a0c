import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import { verify } from "@node-rs/argon2";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, KNOWN_ACCOUNTS, PLACEHOLDER_PASSWORD_HASH, adminPassword, seed, SeedRefusedError, type SeedProgress, type SeedResult } from "../src/seed/index.js";
import { config } from "@hivemind/config";
import { brokenSeedInvariants } from "./seed-invariants.js";

const TABLES = ["users", "communities", "subscriptions", "moderators", "posts", "comments", "votes", "saved", "hidden", "reports", "bans", "mod_actions"];

async function tableCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n);
  return out;
}

async function scalar<T = number>(pool: pg.Pool, sql: string): Promise<T> {
  const row = (await pool.query<{ v: T }>(sql)).rows[0];
  return (typeof row?.v === "string" ? Number(row.v) : row?.v) as T;
}

describe("ops seed --size small", () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let result: SeedResult;
  const progress: SeedProgress[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    result = await seed({ size: "small", databaseUrl: db.url, seed: 7, onProgress: (p) => progress.push(p) });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it("loads every table with about the planned amounts", async () => {
    const counts = await tableCounts(pool);
    expect(counts).toMatchObject({ users: 200, communities: 8, posts: 1_000 });
    expect(counts.comments).toBeGreaterThan(2_700);
    expect(counts.comments).toBeLessThan(3_300);
    // 10k votes from others plus each thing's own upvote.
    expect(counts.votes! - counts.posts! - counts.comments!).toBeGreaterThan(9_000);
    for (const t of TABLES) expect(counts[t], t).toBeGreaterThan(0);
    expect(result.rows).toMatchObject({ users: 200, posts: 1_000, comments: counts.comments, votes: counts.votes });
  });

  it("keeps every invariant: counts equal the votes table, karma, num_comments, subscribers, threads", async () => {
    expect(await brokenSeedInvariants(pool)).toEqual({});
  });

  it("leaves the foreign keys of posts and comments exactly as the migrations made them", async () => {
    const fresh = await createTestDatabase();
    const freshPool = new pg.Pool({ connectionString: fresh.url, max: 1 });
    const sql = `SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated AS v
                   FROM pg_constraint WHERE contype = 'f' ORDER BY 1`;
    try {
      const expected = (await freshPool.query<{ v: string }>(sql)).rows.map((r) => r.v);
      expect(expected.some((d) => d.startsWith("comments comments_post_id_fkey"))).toBe(true);
      expect((await pool.query<{ v: string }>(sql)).rows.map((r) => r.v)).toEqual(expected);
    } finally {
      await freshPool.end();
      await fresh.drop();
    }
  });

  it("spreads posts over more than one monthly partition, within the last 90 days", async () => {
    expect(await scalar(pool, "SELECT count(DISTINCT tableoid) AS v FROM posts")).toBeGreaterThan(1);
    expect(await scalar(pool, "SELECT count(*) AS v FROM posts WHERE created_at < now() - interval '91 days' OR created_at > now()")).toBe(0);
  });

  it("builds threads deeper than two replies", async () => {
    expect(await scalar(pool, "SELECT max(depth) AS v FROM comments")).toBeGreaterThan(2);
  });

  it("is Zipf-skewed: the top community has far more posts than the median one, and a few users do most of the posting", async () => {
    const perCommunity = (await pool.query<{ n: string }>("SELECT count(*) AS n FROM posts GROUP BY community_id ORDER BY 1 DESC")).rows.map((r) => Number(r.n));
    const median = perCommunity[Math.floor(perCommunity.length / 2)]!;
    expect(perCommunity[0]!).toBeGreaterThan(3 * median);
    const topTenthShare = await scalar(pool, `
      SELECT sum(n)::float / (SELECT count(*) FROM posts) AS v
        FROM (SELECT count(*) AS n FROM posts GROUP BY author_id ORDER BY 1 DESC LIMIT 20) t`);
    expect(topTenthShare).toBeGreaterThan(0.4);
  });

  it("has links with real-looking domains, markdown self posts, and some moderation", async () => {
    expect(await scalar(pool, "SELECT count(*) AS v FROM posts WHERE kind = 'link' AND url ~ '^https://' AND domain <> '' AND domain NOT LIKE 'self.%'")).toBeGreaterThan(300);
    expect(await scalar(pool, "SELECT count(*) AS v FROM posts WHERE kind = 'self' AND domain LIKE 'self.%' AND body LIKE '%**%'")).toBeGreaterThan(10);
    expect(await scalar(pool, "SELECT count(*) AS v FROM posts WHERE removed")).toBeGreaterThan(0);
    expect(await scalar(pool, "SELECT count(*) AS v FROM posts WHERE sticky_position = 1")).toBeGreaterThan(0);
  });

  it("gives the sample users their documented passwords, the admin the one generated under .state/ (never the old published one), everyone else an unusable placeholder", async () => {
    for (const account of KNOWN_ACCOUNTS) {
      const row = (await pool.query<{ password_hash: string; is_admin: boolean }>("SELECT password_hash, is_admin FROM users WHERE name = $1", [account.name])).rows[0];
      expect(row, account.name).toBeDefined();
      expect(row!.password_hash).toMatch(/^\$argon2id\$/);
      const password = account.password === ADMIN_PASSWORD ? adminPassword(config().stateDir) : account.password;
      expect(await verify(row!.password_hash, password)).toBe(true);
      if (account.isAdmin) {
        expect(password.length).toBeGreaterThanOrEqual(16);
        expect(await verify(row!.password_hash, "hivemind-admin")).toBe(false);
      }
      expect(row!.is_admin).toBe(account.isAdmin);
    }
    expect(await scalar(pool, `SELECT count(*) AS v FROM users WHERE password_hash <> '${PLACEHOLDER_PASSWORD_HASH}'`)).toBe(KNOWN_ACCOUNTS.length);
    expect(await scalar(pool, `
      SELECT count(*) AS v FROM moderators m JOIN users u ON u.id = m.user_id JOIN communities c ON c.id = m.community_id
       WHERE u.name = 'bob' AND c.name = 'programming'`)).toBe(1);
  });

  it("reports progress for each phase up to its total", () => {
    const last = new Map(progress.map((p) => [p.phase, p]));
    expect([...last.keys()]).toEqual(["users", "communities", "threads", "moderation"]);
    for (const p of last.values()) expect(p.done).toBe(p.total);
  });

  it("with ifEmpty on a seeded database changes nothing", async () => {
    const before = await tableCounts(pool);
    const sums = await scalar<string>(pool, "SELECT (SELECT sum(ups) FROM posts) || '/' || (SELECT sum(link_karma) FROM users) AS v");
    const again = await seed({ size: "small", databaseUrl: db.url, seed: 8, ifEmpty: true });
    expect(again).toMatchObject({ skipped: true, existingUsers: 200 });
    expect(await tableCounts(pool)).toEqual(before);
    expect(await scalar<string>(pool, "SELECT (SELECT sum(ups) FROM posts) || '/' || (SELECT sum(link_karma) FROM users) AS v")).toBe(sums);
  });

  it("without ifEmpty refuses a seeded database with a clear error, writing nothing", async () => {
    const before = await tableCounts(pool);
    await expect(seed({ size: "small", databaseUrl: db.url })).rejects.toThrow(SeedRefusedError);
    await expect(seed({ size: "small", databaseUrl: db.url })).rejects.toThrow(/already has 200 users.*--if-empty/);
    expect(await tableCounts(pool)).toEqual(before);
  });
});

describe("ops seed determinism", () => {
  it("the same seed and time build the same site", async () => {
    const now = new Date("2026-03-15T12:00:00Z");
    const dbs = [await createTestDatabase(), await createTestDatabase()];
    try {
      const fingerprints: string[] = [];
      for (const db of dbs) {
        await seed({ size: "small", databaseUrl: db.url, seed: 3, now });
        const pool = new pg.Pool({ connectionString: db.url, max: 1 });
        try {
          fingerprints.push(
            (await pool.query<{ v: string }>(`
              SELECT md5(string_agg(id || title || ups || downs || num_comments, ',' ORDER BY id)) ||
                     (SELECT md5(string_agg(name || link_karma || comment_karma, ',' ORDER BY id)) FROM users) AS v
                FROM posts`)).rows[0]!.v,
          );
        } finally {
          await pool.end();
        }
      }
      expect(fingerprints[0]).toBe(fingerprints[1]);
    } finally {
      await Promise.all(dbs.map((db) => db.drop()));
    }
  });
});
