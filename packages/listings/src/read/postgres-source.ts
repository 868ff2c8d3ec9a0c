import { formatFullname, LISTING_MAX, listingSortValue, rankEntries, type ListingEntry, type ListingKey } from "@hivemind/core";
import type { Db, Prisma } from "@hivemind/db";
import type { ListingReader, ListingSnapshot } from "./skeleton.js";

/**
 * A listing computed from Postgres on every read, with core's listing maintenance functions (the
 * same values the store keeps). The skeleton source until the listing store is wired in, and the
 * tests' reference; never a production path (it reads every thing of the owner).
 */
export function postgresListingReader(db: Db, now: () => number): ListingReader {
  return {
    async read(key: ListingKey): Promise<ListingSnapshot> {
      const nowMs = now();
      const owner = key.owner;
      const listable = (r: { removed: boolean; deleted: boolean; communityId: bigint; authorId: bigint }, bans: Set<string>) =>
        !r.removed && !r.deleted && !bans.has(`${r.communityId}:${r.authorId}`);
      const entries: ListingEntry[] = [];
      const push = (kind: "t1" | "t3", r: { id: bigint; ups: number; downs: number; createdAt: Date; removed: boolean; deleted: boolean; communityId: bigint; authorId: bigint }, bans: Set<string>) => {
        const sort = listingSortValue(key, { ups: r.ups, downs: r.downs, createdMs: r.createdAt.getTime(), listable: listable(r, bans) }, nowMs);
        if (sort !== null) entries.push({ fullname: formatFullname(kind, r.id), sort, ts: r.createdAt.getTime() });
      };
      const select = { id: true, ups: true, downs: true, createdAt: true, removed: true, deleted: true, communityId: true, authorId: true } as const;
      const banSet = async () => new Set((await db.ban.findMany({ select: { communityId: true, userId: true, expiresAt: true } })).filter((b) => b.expiresAt === null || b.expiresAt.getTime() > nowMs).map((b) => `${b.communityId}:${b.userId}`));
      if (owner.type === "user" && owner.what === "comments") {
        const [rows, bans] = await Promise.all([db.comment.findMany({ where: { authorId: owner.id }, select }), banSet()]);
        for (const r of rows) push("t1", r, bans);
      } else {
        const where: Prisma.PostWhereInput =
          owner.type === "community" ? { communityId: owner.id } : owner.type === "user" ? { authorId: owner.id } : owner.type === "domain" ? { domain: owner.domain, kind: "link" } : {}; // links only: listedDomainOf
        const [rows, bans] = await Promise.all([db.post.findMany({ where, select }), banSet()]);
        for (const r of rows) push("t3", r, bans);
      }
      return { items: rankEntries(entries, LISTING_MAX), source: "postgres" };
    },
  };
}
