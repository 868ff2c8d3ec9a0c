import { getEventListeners } from "node:events";
import { afterAll, beforeAll, expect, it } from "vitest";
import { communityOwner, createIdGenerator, formatFullname, formatListingKey, type Viewer } from "@hivemind/core";
import { createCommunity, submitPost } from "@hivemind/domain";
import { createListingStore, type ListingStoreWriter } from "@hivemind/listings/store";
import { ownStoreWorld, type StoreWorld } from "../../../packages/listings/test/own-store-world.js";
import { recomputeScheduledListings } from "../src/scheduler.js";

// The scheduler's pass: every clock-dependent listing recomputed from Postgres (what aged out of a
// window leaves it), paced over the time it is given rather than in one burst. Own keyspace and
// listing-name prefix on the stack's Cassandra and Redis.
let w: StoreWorld;
let deps: StoreWorld["deps"];
let store: ListingStoreWriter;

beforeAll(async () => {
  w = await ownStoreWorld("sch", "scheduler-test");
  deps = w.deps;
  store = createListingStore({ pool: deps.pool, ring: w.ring, cassandra: w.cassandra, keyspace: w.keyspace, namespace: w.namespace });
}, 120_000);

afterAll(async () => {
  await w?.destroy();
});

it("a pass drops what aged out of each window, keeps what is inside, and is spread over the time it is given", async () => {
  const id = deps.ids.next();
  await deps.db.user.create({ data: { id, name: "scheduled", nameLower: "scheduled", passwordHash: "!fixture" } });
  const author: Viewer = { userId: id, name: "scheduled", isAdmin: false };
  const c = await createCommunity(deps, author, { name: "windows" });
  const fresh = formatFullname("t3", (await submitPost(deps, author, { kind: "self", sr: "windows", title: "now", text: "" })).post.id);
  // A post from two hours ago (a post's time is its id's): out of top:hour, inside top:day.
  const twoHoursAgo = Date.now() - 2 * 3600_000;
  const oldId = createIdGenerator({ workerId: 1000, clock: () => twoHoursAgo }).next();
  await deps.db.post.create({ data: { id: oldId, communityId: c.id, authorId: id, title: "earlier", kind: "self", domain: "self.windows", createdAt: new Date(twoHoursAgo) } });
  const old = formatFullname("t3", oldId);

  const hour = formatListingKey({ owner: communityOwner(c.id), sort: "top", t: "hour" });
  const day = formatListingKey({ owner: communityOwner(c.id), sort: "top", t: "day" });
  // As if the old post had been in the hour's listing when it was young.
  await store.writeWhole(hour, [fresh, old].map((fullname) => ({ fullname, sort: 1, ts: 0 })));

  const term = new AbortController();
  const started = performance.now();
  const written = await recomputeScheduledListings(deps.pool, store, () => true, { spreadMs: 1_000, signal: term.signal });
  const tookMs = performance.now() - started;
  console.log(`scheduler pass: ${written} listings in ${tookMs.toFixed(0)} ms (spread over 1000 ms)`);

  const names = async (key: string) => ((await store.readRedis(key)) ?? []).map((e) => e.fullname);
  expect(await names(hour)).toEqual([fresh]);
  expect((await names(day)).sort()).toEqual([fresh, old].sort());
  expect((await store.readCassandra(hour))?.map((e) => e.fullname)).toEqual([fresh]);
  // The community's and all's windows and rising: 2 × 11.
  expect(written).toBe(22);
  expect(tookMs).toBeGreaterThanOrEqual(950);
  // A sleep per listing, and none leaves a listener on the leader term's signal.
  expect(getEventListeners(term.signal, "abort")).toHaveLength(0);
}, 60_000);
