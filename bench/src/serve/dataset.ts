import pg from "pg";
import { toBase36 } from "@hivemind/core";
import { ensureNamedDatabase } from "@hivemind/db";
import { KNOWN_ACCOUNTS, seed, type SeedSize } from "@hivemind/ops/seed";

/** The seeded database a serve run reads: its own, never the dev database. */
export interface BenchDataset {
  name: string;
  url: string;
  size: SeedSize;
  /** The community whose about.json is measured, and the post whose comments page is. */
  community: string;
  post: { id36: string; numComments: number };
  /** A seeded account with a real password, logged in for the logged-in front page. */
  login: { user: string; password: string };
}

/**
 * `bench_serve_<size>` on the stack's Postgres: created, migrated and seeded on first use, then
 * reused (seeding medium takes most of a minute), so runs compare like with like.
 */
export async function ensureDataset(size: SeedSize, log: (line: string) => void): Promise<BenchDataset> {
  const name = `bench_serve_${size}`;
  const databaseUrl = await ensureNamedDatabase(name, { log });
  const started = performance.now();
  const result = await seed({ size, databaseUrl, ifEmpty: true });
  if (!result.skipped) log(`seeded ${name} (${size}) in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const account = KNOWN_ACCOUNTS.find((a) => a.name === "alice") ?? KNOWN_ACCOUNTS[0]!;
  return withClient(databaseUrl, async (c) => {
    // r/programming as in the figures when seeded, else the biggest community.
    const community = await c.query<{ id: string; name: string }>(
      "SELECT id::text, name FROM communities ORDER BY (name_lower = 'programming') DESC, subscribers DESC LIMIT 1",
    );
    const row = community.rows[0];
    if (!row) throw new Error(`${name} has no communities: drop it and run again`);
    // A busy thread but not the single largest: the post at the 99th percentile of comment counts.
    const post = await c.query<{ id: string; num_comments: number }>(
      `SELECT id::text, num_comments FROM posts WHERE community_id = $1 AND removed_by IS NULL
       ORDER BY num_comments DESC OFFSET (SELECT count(*) / 100 FROM posts WHERE community_id = $1) LIMIT 1`,
      [row.id],
    );
    const p = post.rows[0];
    if (!p) throw new Error(`${name}: r/${row.name} has no posts`);
    return {
      name,
      url: databaseUrl,
      size,
      community: row.name,
      post: { id36: toBase36(BigInt(p.id)), numComments: p.num_comments },
      login: { user: account.name, password: account.password },
    };
  });
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
