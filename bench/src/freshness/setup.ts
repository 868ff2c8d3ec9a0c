import { RATE_LIMIT_KEY_PREFIX, newSessionToken, sessionIdOf } from "@hivemind/accounts";
import { createIdGenerator } from "@hivemind/core";
import { createDb, ensureNamedDatabase, type Db } from "@hivemind/db";
import { seed } from "@hivemind/ops/seed";
import { Redis } from "ioredis";
import { config } from "@hivemind/config";

/** A user created straight in the database with a bearer session (no password matches it). */
export interface Voter {
  id: bigint;
  name: string;
  token: string;
}

/** A probe pair's community and its two posts, P created before R (see probe.ts). */
export interface ProbePair {
  community: string;
  p: string;
  r: string;
}

/** Worker id of the benchmark's own ids (users, communities); the seeder and the API use others. */
const BENCH_WORKER_ID = 1021;

/**
 * `bench_freshness` on the stack's Postgres, dropped and created again on every run (the run
 * casts tens of thousands of votes; the next run must start from the seeder's counts), migrated
 * and seeded small.
 */
export async function freshDatabase(name: string, log: (line: string) => void): Promise<string> {
  const databaseUrl = await ensureNamedDatabase(name, { fresh: true });
  log(`database ${name}: ${await forgetRateLimitCounters(`${name}:`)} abuse-limit counters of the last run deleted`);
  const started = performance.now();
  await seed({ size: "small", databaseUrl });
  log(`database ${name}: migrated and seeded small in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return databaseUrl;
}

/** Authors and voters with bearer sessions, and the communities (the background one and one per probe pair), straight in the database. */
export async function createAccounts(databaseUrl: string, opts: { voters: number; pairs: number; community: string; authors: number }): Promise<{ db: Db; voters: Voter[]; authors: Voter[]; pairCommunities: string[] }> {
  const db = createDb(databaseUrl);
  const ids = createIdGenerator({ workerId: BENCH_WORKER_ID, clock: Date.now });
  const make = (name: string): Voter => ({ id: ids.next(), name, token: newSessionToken() });
  const authors = Array.from({ length: opts.authors }, (_, i) => make(`fresh_author${i}`));
  const voters = Array.from({ length: opts.voters }, (_, i) => make(`fresh_v${i}`));
  const all = [...authors, ...voters];
  const expiresAt = new Date(Date.now() + 6 * 3600_000);
  for (let i = 0; i < all.length; i += 1000) {
    const chunk = all.slice(i, i + 1000);
    await db.user.createMany({ data: chunk.map((u) => ({ id: u.id, name: u.name, nameLower: u.name.toLowerCase(), passwordHash: "!bench-fixture" })) });
    await db.session.createMany({ data: chunk.map((u) => ({ id: sessionIdOf(u.token), userId: u.id, kind: "bearer", scope: "*", expiresAt })) });
  }
  const pairCommunities = Array.from({ length: opts.pairs }, (_, i) => `${opts.community}_p${i}`);
  await db.community.createMany({ data: [opts.community, ...pairCommunities].map((name) => ({ id: ids.next(), name, nameLower: name.toLowerCase(), title: name, creatorId: authors[0]!.id })) });
  return { db, voters, authors, pairCommunities };
}

/**
 * Deletes what the last run left on the stack's Redis nodes under this database's name (its
 * abuse-limit counters, `rl:<database>:…`): a database made again must not inherit them.
 */
async function forgetRateLimitCounters(namespace: string): Promise<number> {
  let deleted = 0;
  for (const node of config().redis.nodes) {
    const redis = new Redis({ host: node.host, port: node.port, lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${RATE_LIMIT_KEY_PREFIX}${namespace}*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
    redis.disconnect();
  }
  return deleted;
}
