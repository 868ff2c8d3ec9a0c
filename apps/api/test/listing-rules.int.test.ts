import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communityOwner, type ListingKey } from "@hivemind/core";
import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import type { ListingReader } from "@hivemind/listings";
import { createServices } from "../src/services.js";
import { insertPost } from "./listings-fixtures.js";
import { createCommunity } from "./posts-fixtures.js";

/**
 * The rules stage holds while a skeleton is behind: a listing that still holds a removed post and
 * a banned author's post (the consumer has not caught up) shows them to the community's
 * moderators and never to anyone else.
 */

let database: TestDatabase;
let services: Awaited<ReturnType<typeof createServices>>;
let stale: string[] = [];
const staleReader: ListingReader = { read: async () => ({ items: stale.map((fullname, i) => ({ fullname, sort: 100 - i })), source: "redis" }) };

beforeAll(async () => {
  database = await createTestDatabase();
  services = await createServices({ databaseUrl: database.url, listings: staleReader });
});

afterAll(async () => {
  await services?.destroy();
  await database?.drop();
});

async function user(name: string) {
  return services.db.user.create({ data: { id: services.ids.next(), name, nameLower: name, passwordHash: "!fixture" } });
}

describe("rules over a stale skeleton", () => {
  it("moderators still see removed and banned-author items; others never do", async () => {
    const mod = await user("rules_mod");
    const author = await user("rules_author");
    const banned = await user("rules_banned");
    const reader = await user("rules_reader");
    const c = await createCommunity(services, "rules", mod.id);
    const live = await insertPost(services, { communityId: c.id, authorId: author.id, title: "live" });
    const removed = await insertPost(services, { communityId: c.id, authorId: author.id, title: "removed" });
    const byBanned = await insertPost(services, { communityId: c.id, authorId: banned.id, title: "by the banned" });
    await services.db.post.update({ where: { id: removed.id }, data: { removed: true, removedBy: mod.id } });
    await services.db.ban.create({ data: { communityId: c.id, userId: banned.id, bannedBy: mod.id } });
    stale = [removed.fullname, byBanned.fullname, live.fullname];
    const key: ListingKey = { owner: communityOwner(c.id), sort: "new", t: "all" };
    const shown = async (viewer: { userId: bigint; name: string } | null) =>
      (await services.reads.listing(viewer ? { ...viewer, isAdmin: false } : null, key)).items.map((i) => i.view.row.id);

    expect(await shown({ userId: mod.id, name: mod.name })).toEqual([removed.id, byBanned.id, live.id]);
    for (const viewer of [null, { userId: reader.id, name: reader.name }, { userId: author.id, name: author.name }, { userId: banned.id, name: banned.name }]) {
      expect(await shown(viewer)).toEqual([live.id]);
    }
  });

  it("a page is full while the listing has items left, however many in a row the rules drop", async () => {
    const author = await user("rules_filler");
    const c = await createCommunity(services, "rulesfill", author.id);
    const live = [];
    for (let i = 0; i < 3; i++) live.push(await insertPost(services, { communityId: c.id, authorId: author.id, title: `live ${i}` }));
    // 150 listed things that no longer exist (a listing gone stale), then the live posts.
    const gone = Array.from({ length: 150 }, (_, i) => `t3_${(10n ** 12n + BigInt(i)).toString(36)}`);
    stale = [...gone, ...live.map((p) => p.fullname)];
    const page = await services.reads.listing(null, { owner: communityOwner(c.id), sort: "new", t: "all" }, { limit: 2 });
    expect(page.items.map((i) => i.view.row.id)).toEqual([live[0]!.id, live[1]!.id]);
    expect(page.after).toBe(live[1]!.fullname);
  });
});
