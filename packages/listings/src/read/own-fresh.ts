import { createdMsOf, formatFullname, listingSortValue, minIdForTime, rankEntries, type ListingEntry, type ListingKey, type Viewer } from "@hivemind/core";
import { findRecentPostsBy, type Db } from "@hivemind/db";
import type { ListingSnapshot } from "./skeleton.js";

/** How far back a reader's own posts are merged into the listings they read. */
export const OWN_FRESH_WINDOW_MS = 120_000;

/**
 * An author sees their own new post at once. The listings consumer adds a post within about a
 * second of its commit, but the author's next page load can come sooner; so a logged-in reader's
 * own posts of the last two minutes that the skeleton does not hold yet are merged in at the place
 * their sort value gives them, for that reader only (nothing is written to the shared listing).
 * Costs one indexed query per logged-in listing read (posts by author, an id range).
 */
export async function withOwnFreshPosts(
  db: Db,
  actor: Viewer | null,
  snapshot: ListingSnapshot,
  key: Pick<ListingKey, "sort" | "t">,
  /** Which of the reader's posts belong: those in one community, in any of some, or in the communities they subscribe to (their front page); none given: all of them (r/all). */
  scope: { communityIds?: readonly bigint[]; subscriberId?: bigint },
  nowMs: number,
): Promise<ListingSnapshot> {
  if (!actor) return snapshot;
  const rows = await findRecentPostsBy(db, actor.userId, minIdForTime(nowMs - OWN_FRESH_WINDOW_MS), scope);
  if (rows.length === 0) return snapshot;
  const held = new Set(snapshot.items.map((i) => i.fullname));
  const fresh: ListingEntry[] = [];
  for (const r of rows) {
    const fullname = formatFullname("t3", r.id);
    if (held.has(fullname)) continue;
    const createdMs = createdMsOf(fullname);
    const sort = listingSortValue(key, { ups: r.ups, downs: r.downs, createdMs, listable: true }, nowMs);
    if (sort !== null) fresh.push({ fullname, sort, ts: createdMs });
  }
  if (fresh.length === 0) return snapshot;
  const items = rankEntries([...snapshot.items.map((i) => ({ fullname: i.fullname, sort: i.sort, ts: i.ts ?? 0 })), ...fresh]);
  return { ...snapshot, items };
}
