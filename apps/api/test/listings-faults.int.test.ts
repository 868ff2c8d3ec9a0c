import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCacheRing, type CacheRing } from "@hivemind/cache";
import { ALL_OWNER, communityOwner, domainOwner, userOwner, type ListingKey } from "@hivemind/core";
import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import { createListingStore } from "@hivemind/listings/store";
// The cache package's throwaway redis-server processes (ours to stop and kill; never the stack's).
import { startOwnRedis, stopAll, type OwnRedis } from "../../../packages/cache/test/own-redis.js";
import { closedPort } from "../../../packages/listings/test/closed-port.js";
import { createServices, type AppServices } from "../src/services.js";
import { serveApi, TestClient } from "./harness.js";
import { createCommunity, userClient } from "./posts-fixtures.js";
import { insertComment, insertPost, names } from "./listings-fixtures.js";

/**
 * Reads degrade, they don't fail: with one of three Redis nodes stopped every listing read still
 * answers 200 with the listing Postgres computes, and with Cassandra unreachable listings come
 * from Postgres and the response says so (X-Hivemind-Listing-Source: postgres), never "redis" or
 * "cassandra".
 */

const HOUR = 3_600_000;
let database: TestDatabase;
let redis: OwnRedis[] = [];
let ring: CacheRing;

interface World {
  services: AppServices;
  url: string;
  close(): Promise<void>;
  paths: { path: string; key: ListingKey }[];
}

/** A site over our own ring, with posts in two communities, and the listing endpoints to check. */
async function world(opts: { cassandraContactPoint?: string } = {}): Promise<World> {
  // Each world starts from an empty ring of our own: the site-wide listings (all, the domain)
  // span both worlds, and with no worker here nothing would refresh a copy the last one cached.
  await Promise.all(redis.map((r) => ring.flushNode(r.node.id)));
  const services = await createServices({ databaseUrl: database.url, ring, ...opts });
  const server = await serveApi(services);
  const api = { url: server.url, services, database, close: async () => undefined };
  const bob = await userClient(api, `bob${Math.random().toString(36).slice(2, 8)}`);
  const name = `c${Math.random().toString(36).slice(2, 10)}`;
  const community = await createCommunity(services, name, bob.user.id);
  for (let i = 0; i < 40; i++) {
    const p = await insertPost(services, { communityId: community.id, authorId: bob.user.id, title: `post ${i}`, ups: (i * 37) % 101, downs: (i * 11) % 13, ageMs: (i % 20) * HOUR, url: "https://example.org/a", domain: "example.org" });
    if (i % 10 === 0) await insertComment(services, { postId: p.id, communityId: community.id, authorId: bob.user.id, body: `c${i}`, ups: i });
  }
  const paths = [
    { path: `/r/${name}/hot?limit=100`, key: { owner: communityOwner(community.id), sort: "hot", t: "all" } },
    { path: `/r/${name}/new?limit=100`, key: { owner: communityOwner(community.id), sort: "new", t: "all" } },
    { path: `/r/${name}/rising?limit=100`, key: { owner: communityOwner(community.id), sort: "rising", t: "all" } },
    { path: `/r/${name}/top?t=day&limit=100`, key: { owner: communityOwner(community.id), sort: "top", t: "day" } },
    { path: `/r/${name}/controversial?t=all&limit=100`, key: { owner: communityOwner(community.id), sort: "controversial", t: "all" } },
    { path: `/user/${bob.user.name}/submitted?sort=top&limit=100`, key: { owner: userOwner(bob.user.id, "submitted"), sort: "top", t: "all" } },
    { path: `/user/${bob.user.name}/comments?sort=new&limit=100`, key: { owner: userOwner(bob.user.id, "comments"), sort: "new", t: "all" } },
    { path: `/domain/example.org/hot?limit=100`, key: { owner: domainOwner("example.org"), sort: "hot", t: "all" } },
    { path: `/r/all/new?limit=100`, key: { owner: ALL_OWNER, sort: "new", t: "all" } },
  ] satisfies { path: string; key: ListingKey }[];
  return {
    services,
    url: server.url,
    paths,
    async close() {
      await server.close();
      await services.destroy();
    },
  };
}

/** What Postgres says each listing is (the source of truth). */
async function truth(w: World, key: ListingKey): Promise<string[]> {
  const store = createListingStore({ pool: w.services.pool, ring, cassandra: undefined as never, keyspace: "unused" });
  return (await store.computeFromPostgres(key)).slice(0, 100).map((i) => i.fullname);
}

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await Promise.all(["fault-0", "fault-1", "fault-2"].map((id) => startOwnRedis(id)));
  ring = createCacheRing({ nodes: redis.map((r) => r.node), commandTimeoutMs: 200 });
  await ring.start();
});

afterAll(async () => {
  await ring?.destroy();
  await stopAll(redis);
  await database?.drop();
});

describe("with one Redis node stopped", () => {
  it("every listing read still succeeds and equals the listing computed from Postgres", async () => {
    const w = await world();
    try {
      const anon = new TestClient(w.url);
      for (const { path, key } of w.paths) {
        const res = await anon.get(path);
        expect(res.status, path).toBe(200);
        expect(names(res.body), path).toEqual(await truth(w, key));
      }
      redis[1]!.stop(); // SIGSTOP: hung, the worst case for a client
      for (const round of [1, 2]) {
        for (const { path, key } of w.paths) {
          const started = Date.now();
          const res = await anon.get(path);
          expect(res.status, `${path} (round ${round})`).toBe(200);
          expect(names(res.body), path).toEqual(await truth(w, key));
          expect(Date.now() - started, path).toBeLessThan(3_000);
        }
      }
      // The front page merges the default set; it too answers.
      expect((await anon.get("/hot")).status).toBe(200);
    } finally {
      redis[1]!.resume();
      await w.close();
    }
  });
});

describe("with Cassandra unreachable", () => {
  it("listings come back from Postgres, and the response says postgres", async () => {
    const w = await world({ cassandraContactPoint: `127.0.0.1:${await closedPort()}` });
    try {
      const anon = new TestClient(w.url);
      for (const { path, key } of w.paths) {
        const res = await anon.get(path);
        expect(res.status, path).toBe(200);
        expect(names(res.body), path).toEqual(await truth(w, key));
        // Not "cassandra", and not "redis" either: nothing it lacks was cached as if it were stored.
        expect(res.headers.get("x-hivemind-listing-source"), path).toBe("postgres");
      }
    } finally {
      await w.close();
    }
  });
});
