import { afterAll, beforeAll, expect, it } from "vitest";
import { config } from "@hivemind/config";
import { communityOwner, formatListingKey } from "@hivemind/core";
import { CassandraListings, createListingStore, createListingsCassandra, listingRedisKey } from "../src/store/index.js";
import { CassandraWriteBehind } from "../src/store/write-behind.js";
import { closedPort } from "./closed-port.js";
import { ownStoreWorld, type StoreWorld } from "./own-store-world.js";

// The listings consumer's Cassandra write-behind on the stack's Cassandra and Redis (own keyspace,
// own listing-name prefix): rows coalesce until a flush, `durable()` means written, a late flush
// never beats a newer write, a Cassandra that is down keeps the rows, and a reader that filled
// Redis from Cassandra before a flush gets the flushed rows back in Redis.
const cfg = config();
let w: StoreWorld;
let cass: CassandraListings;
let namespace: string;

const entry = (n: number, sort: number) => ({ fullname: `t3_${n.toString(36)}`, sort, ts: 1_700_000_000_000 + n });
const rows = async (listing: string) => (await cass.read(listing, { partial: true })).map((e) => `${e.fullname}=${e.sort}`).sort();

beforeAll(async () => {
  w = await ownStoreWorld("wb", "write-behind-test");
  cass = new CassandraListings(w.cassandra, w.keyspace);
  namespace = w.namespace;
}, 120_000);

afterAll(async () => {
  await w?.destroy();
});

it("coalesces rows until a flush, latest value per member, and durable() resolves once they are written", async () => {
  const listing = `${namespace}coalesce`;
  await cass.write(listing, [entry(1, 1), entry(3, 3)], []);
  const behind = new CassandraWriteBehind(cass, { flushMs: 300 });
  behind.add(listing, [entry(1, 10)], []);
  behind.add(listing, [entry(1, 20), entry(2, 2)], ["t3_3"]);
  expect(behind.isPending(listing, "t3_1")).toBe(true);
  expect(await rows(listing)).toEqual(["t3_1=1", "t3_3=3"]);
  const t0 = Date.now();
  await behind.durable();
  expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  expect(await rows(listing)).toEqual(["t3_1=20", "t3_2=2"]);
  expect(behind.isPending(listing, "t3_1")).toBe(false);
  // Nothing queued: durable at once.
  await behind.durable();
  await behind.close();
});

it("a flush that lands after a newer write of the same row does not overwrite it (each row carries its own write time)", async () => {
  const listing = `${namespace}late`;
  const behind = new CassandraWriteBehind(cass, { flushMs: 200 });
  behind.add(listing, [entry(1, 1)], ["t3_2"]);
  await new Promise((r) => setTimeout(r, 20));
  // Another writer (a consumer that took the partition over, a whole rewrite) writes after it was queued.
  await cass.write(listing, [entry(1, 99), entry(2, 7)], []);
  await behind.durable();
  expect(await rows(listing)).toEqual(["t3_1=99", "t3_2=7"]);
  await behind.close();
});

it("with Cassandra down the rows stay queued and durable() does not resolve; close() rejects its waiters", async () => {
  const down = createListingsCassandra({ contactPoint: `127.0.0.1:${await closedPort()}`, localDataCenter: cfg.cassandra.localDataCenter, readTimeoutMs: 500 });
  const behind = new CassandraWriteBehind(new CassandraListings(down, w.keyspace), { flushMs: 100 });
  try {
    behind.add(`${namespace}down`, [entry(1, 1)], []);
    const waiting = behind.durable();
    const outcome = await Promise.race([waiting.then(() => "resolved", () => "rejected"), new Promise((r) => setTimeout(() => r("pending"), 1_500))]);
    expect(outcome).toBe("pending");
    expect(behind.isPending(`${namespace}down`, "t3_1")).toBe(true);
    await behind.close();
    await expect(waiting).rejects.toThrow(/not written to Cassandra/);
  } finally {
    await down.shutdown();
  }
});

it("the store patches Redis at once and Cassandra at the flush; a reader's fill from Cassandra before it is repaired after it", async () => {
  const store = createListingStore({ pool: w.deps.pool, ring: w.ring, cassandra: w.cassandra, keyspace: w.keyspace, namespace, writeBehindMs: 300 });
  const key = formatListingKey({ owner: communityOwner(987654321n), sort: "new", t: "all" });
  await store.writeWhole(key, [entry(1, 1), entry(2, 2)]);
  // A listing's first change in a process rewrites it whole (synchronously); the next ones are patches.
  expect((await store.applyChanges(key, new Map([[entry(2, 0).fullname, entry(2, 2)]]))).whole).toBe(true);
  expect((await store.applyChanges(key, new Map([[entry(1, 0).fullname, entry(1, 5)]]))).whole).toBe(false);
  const inRedis = async () => ((await store.readRedis(key)) ?? []).map((e) => `${e.fullname}=${e.sort}`).sort();
  expect(await inRedis()).toEqual(["t3_1=5", "t3_2=2"]);
  expect(await rows(namespace + key)).toEqual(["t3_1=1", "t3_2=2"]);
  // Redis loses the listing; a reader refills it from Cassandra, which does not have the patch yet.
  await w.ring.del(listingRedisKey(namespace, key));
  expect((await store.read(key)).source).toBe("cassandra");
  expect(await inRedis()).toEqual(["t3_1=1", "t3_2=2"]);
  await store.durable();
  expect(await rows(namespace + key)).toEqual(["t3_1=5", "t3_2=2"]);
  expect(await inRedis()).toEqual(["t3_1=5", "t3_2=2"]);
  await store.close();
});
