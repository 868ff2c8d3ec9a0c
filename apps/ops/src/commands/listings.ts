import cliProgress from "cli-progress";
import type { Command } from "commander";
import { z } from "zod";
import { config } from "@hivemind/config";
import { createCacheRing } from "@hivemind/cache";
import {
  ALL_OWNER,
  TOPICS,
  communityOwner,
  domainOwner,
  formatListingKey,
  fromZodError,
  maintainedListingKeys,
  parseListingKey,
  userOwner,
  ValidationError,
  type ListingOwner,
} from "@hivemind/core";
import { createPool } from "@hivemind/db";
import { createCommentStore, createListingStore, createListingsCassandra } from "@hivemind/listings/store";
import { createKafka } from "@hivemind/queue";
import { fail, formatTable, printJson } from "./output.js";

const rebuildArgs = z
  .object({
    listing: z.string().min(1).optional(),
    community: z.string().min(1).max(64).optional(),
    all: z.boolean().optional(),
    json: z.boolean().optional(),
  })
  .refine((o) => [o.listing, o.community, o.all].filter((x) => x !== undefined && x !== false).length === 1, {
    message: "give exactly one of --listing KEY, --community NAME, --all",
  });

/** Every listing key to rebuild for the options (owners found in Postgres). */
async function keysFor(pool: ReturnType<typeof createPool>, o: z.output<typeof rebuildArgs>): Promise<string[]> {
  if (o.listing) return [formatListingKey(parseListingKey(o.listing, "listing"))];
  if (o.community) {
    const { rows } = await pool.query<{ id: string }>("SELECT id FROM communities WHERE name_lower = lower($1)", [o.community]);
    if (!rows[0]) throw new ValidationError(`no community named ${JSON.stringify(o.community)}`, { field: "community", code: "SUBREDDIT_NOEXIST" });
    return maintainedListingKeys(communityOwner(BigInt(rows[0].id))).map(formatListingKey);
  }
  const owners: ListingOwner[] = [ALL_OWNER];
  for (const r of (await pool.query<{ id: string }>("SELECT id FROM communities ORDER BY id")).rows) owners.push(communityOwner(BigInt(r.id)));
  for (const r of (await pool.query<{ id: string }>("SELECT DISTINCT author_id AS id FROM posts")).rows) owners.push(userOwner(BigInt(r.id), "submitted"));
  for (const r of (await pool.query<{ id: string }>("SELECT DISTINCT author_id AS id FROM comments")).rows) owners.push(userOwner(BigInt(r.id), "comments"));
  for (const r of (await pool.query<{ domain: string }>("SELECT DISTINCT domain FROM posts WHERE domain <> ''")).rows) owners.push(domainOwner(r.domain.toLowerCase()));
  return owners.flatMap((o) => maintainedListingKeys(o).map(formatListingKey));
}

export function registerListingsCommands(program: Command): void {
  const listings = program.command("listings").description("precomputed listings (Redis ring + Cassandra, derived from Postgres)");
  listings
    .command("rebuild")
    .description("recompute listings from Postgres and write them to Cassandra and Redis")
    .option("--listing <key>", "one listing, e.g. sr:2bx:hot or all:top:week")
    .option("--community <name>", "every listing of one community")
    .option("--all", "every listing of every owner (all, communities, users, domains) and every post's comment orders")
    .option("--json", "print a JSON summary instead of a progress bar")
    .action(async (raw: unknown) => {
      const parsed = rebuildArgs.safeParse(raw);
      const json = Boolean((raw as { json?: boolean }).json);
      if (!parsed.success) return fail("listings rebuild", fromZodError(parsed.error), json);
      const cfg = config();
      const pool = createPool({ url: cfg.postgres.url, applicationName: "hivemind-ops", max: 4 });
      const ring = createCacheRing({ nodes: cfg.redis.nodes, commandTimeoutMs: 2_000 });
      const cassandra = createListingsCassandra({ contactPoint: cfg.cassandra.contactPoint, localDataCenter: cfg.cassandra.localDataCenter, readTimeoutMs: 20_000 });
      const deps = { pool, ring, cassandra, keyspace: cfg.cassandra.keyspace };
      const store = createListingStore(deps);
      const comments = createCommentStore(deps);
      try {
        await ring.start();
        const keys = await keysFor(pool, parsed.data);
        const posts = parsed.data.all ? (await pool.query<{ id: string }>("SELECT id FROM posts ORDER BY id")).rows.map((r) => `t3_${BigInt(r.id).toString(36)}`) : [];
        const bar = json ? undefined : new cliProgress.SingleBar({ format: "rebuild {bar} {value}/{total} {what}", hideCursor: true }, cliProgress.Presets.shades_classic);
        bar?.start(keys.length + posts.length, 0, { what: "" });
        const started = Date.now();
        let items = 0;
        for (const key of keys) {
          items += (await store.rebuild(key)).length;
          bar?.increment(1, { what: key });
        }
        for (const post of posts) {
          await comments.rebuild(post);
          bar?.increment(1, { what: post });
        }
        bar?.stop();
        const summary = { listings: keys.length, items, posts: posts.length, ms: Date.now() - started };
        if (json) printJson(summary);
        else process.stdout.write(`rebuilt ${summary.listings} listings (${summary.items} items) and ${summary.posts} posts' comment orders in ${summary.ms} ms\n`);
      } catch (err) {
        fail("listings rebuild", err, json);
      } finally {
        await ring.destroy();
        await cassandra.shutdown();
        await pool.end();
      }
    });
}

/** `ops lag`: per consumer group and partition, the topic's end offset minus the group's committed offset. */
export function registerLagCommand(program: Command): void {
  program
    .command("lag")
    .description("consumer lag per group and partition")
    .option("--group <id...>", "groups to show (default tally, listings and comments of this database)")
    .option("--json", "print JSON")
    .action(async (opts: { group?: string[]; json?: boolean }) => {
      const json = Boolean(opts.json);
      const cfg = config();
      const db = cfg.postgres.database;
      const groups: Record<string, string[]> = {};
      for (const g of opts.group ?? [`tally@${db}`, `listings@${db}`, `comments@${db}`]) {
        const base = g.split("@")[0];
        groups[g] = base === "tally" ? [TOPICS.votes, TOPICS.things] : base === "listings" ? [TOPICS.listingUpdates] : base === "comments" ? [TOPICS.commentUpdates] : Object.values(TOPICS);
      }
      const admin = createKafka("hivemind-ops", cfg).admin();
      try {
        await admin.connect();
        const rows: { group: string; topic: string; partition: number; committed: string | null; end: string; lag: string }[] = [];
        for (const [group, topics] of Object.entries(groups)) {
          const committed = await admin.fetchOffsets({ groupId: group, topics });
          for (const topic of topics) {
            const ends = await admin.fetchTopicOffsets(topic);
            const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
            for (const e of ends) {
              const c = mine.find((p) => p.partition === e.partition)?.offset;
              const has = c !== undefined && c !== "-1";
              rows.push({ group, topic, partition: e.partition, committed: has ? c : null, end: e.high, lag: (BigInt(e.high) - BigInt(has ? c : e.low)).toString() });
            }
          }
        }
        rows.sort((a, b) => a.group.localeCompare(b.group) || a.topic.localeCompare(b.topic) || a.partition - b.partition);
        if (json) printJson(rows);
        else process.stdout.write(`${formatTable(["GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG"], rows.map((r) => [r.group, r.topic, String(r.partition), r.committed ?? "-", r.end, r.lag]))}\n`);
      } catch (err) {
        fail("lag", err, json);
      } finally {
        await admin.disconnect();
      }
    });
}
