import { randomUUID } from "node:crypto";
import type { PoolClient } from "pg";
import {
  createEvent,
  createdMsOf,
  formatFullname,
  fromBase36,
  keyForEvent,
  listedDomainOf,
  listingOwnerKeysOf,
  LISTING_TRIGGER_MAX_THINGS,
  parseFullname,
  topicForEvent,
  type HivemindEvent,
} from "@hivemind/core";

/** What a batch of the tally changed: things by kind (ids), and bans (user, community ids). */
export interface Affected {
  posts: ReadonlySet<string>;
  comments: ReadonlySet<string>;
  bans: readonly { user: string; community: string }[];
}

/** The things and bans a batch of events touches (triggers themselves touch nothing). */
export function affectedBy(events: readonly HivemindEvent[]): Affected {
  const posts = new Set<string>();
  const comments = new Set<string>();
  const bans: { user: string; community: string }[] = [];
  for (const event of events) {
    switch (event.type) {
      case "listing.update":
      case "comments.update":
        break;
      case "user.banned":
      case "user.unbanned":
        bans.push({ user: fromBase36(event.data.user).toString(), community: fromBase36(event.data.community).toString() });
        break;
      default: {
        const { kind, id } = parseFullname(event.data.thing);
        (kind === "t3" ? posts : comments).add(id.toString());
      }
    }
  }
  return { posts, comments, bans };
}

/**
 * Listing and comment-order triggers, written to the outbox by the tally in the same transaction
 * as its counts (docs/architecture.md "How the listings learn a score changed").
 *
 * For every thing changed, it enqueues `listing.update` for each listing owner of the thing
 * (community, all, author, domain; keyed by owner) and, for comments, `comments.update` for the
 * post (keyed by post). Both are triggers: the consumers read the thing's current row from
 * Postgres, so a trigger published after the commit that changed the row always leads to a read
 * that sees it, whatever the order or number of deliveries.
 * Triggers are coalesced per batch: one listing.update per owner (its things in `things`, at
 * most LISTING_TRIGGER_MAX_THINGS each), one comments.update per (post, thing).
 */
export async function enqueueUpdateTriggers(client: PoolClient, affected: Affected, now: number): Promise<void> {
  const { posts: postIds, comments: commentIds, bans } = affected;
  const posts: PostOwners[] = [];
  const comments: CommentOwners[] = [];
  if (postIds.size > 0) {
    const { rows } = await client.query<PostOwners>(
      "SELECT id, community_id, author_id, kind, domain FROM posts WHERE id = ANY($1::bigint[])",
      [[...postIds]],
    );
    posts.push(...rows);
  }
  if (commentIds.size > 0) {
    const { rows } = await client.query<CommentOwners>(
      "SELECT id, post_id, author_id FROM comments WHERE id = ANY($1::bigint[])",
      [[...commentIds]],
    );
    comments.push(...rows);
  }
  for (const ban of bans) {
    // A ban changes whether the author's things are listed; comment orders keep every comment.
    const p = await client.query<PostOwners>(
      "SELECT id, community_id, author_id, kind, domain FROM posts WHERE author_id = $1 AND community_id = $2",
      [ban.user, ban.community],
    );
    posts.push(...p.rows);
    const c = await client.query<{ id: string; post_id: string; author_id: string }>(
      "SELECT id, post_id, author_id FROM comments WHERE author_id = $1 AND community_id = $2",
      [ban.user, ban.community],
    );
    comments.push(...c.rows.map((r) => ({ ...r, listingsOnly: true })));
  }

  // listing.update: one per owner, carrying every thing of the batch that owner lists.
  const byOwner = new Map<string, Set<string>>();
  const listed = (owner: string, thing: string) => {
    const things = byOwner.get(owner) ?? new Set<string>();
    things.add(thing);
    byOwner.set(owner, things);
  };
  const out = new Map<string, HivemindEvent>();
  const meta = () => ({ id: randomUUID(), at: now });
  for (const p of posts) {
    const thing = formatFullname("t3", BigInt(p.id));
    for (const owner of listingOwnerKeysOf({ kind: "t3", communityId: BigInt(p.community_id), authorId: BigInt(p.author_id), domain: listedDomainOf(p) })) listed(owner, thing);
  }
  for (const c of comments) {
    const thing = formatFullname("t1", BigInt(c.id));
    const [owner] = listingOwnerKeysOf({ kind: "t1", communityId: 0n, authorId: BigInt(c.author_id), domain: null });
    if (owner) listed(owner, thing);
    if (!c.listingsOnly) out.set(`comments|${c.post_id}|${thing}`, createEvent("comments.update", { post: formatFullname("t3", BigInt(c.post_id)), thing }, meta()));
  }
  for (const [owner, set] of byOwner) {
    const things = [...set];
    for (let i = 0; i < things.length; i += LISTING_TRIGGER_MAX_THINGS) {
      const [thing, ...more] = things.slice(i, i + LISTING_TRIGGER_MAX_THINGS) as [string, ...string[]];
      const data = { owner, thing, op: "upsert" as const, created: createdMsOf(thing), ...(more.length > 0 ? { things: more } : {}) };
      out.set(`listing|${owner}|${i}`, createEvent("listing.update", data, meta()));
    }
  }
  if (out.size === 0) return;
  const list = [...out.values()];
  await client.query(
    `INSERT INTO outbox (event_id, topic, key, payload)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[])`,
    [list.map((e) => e.id), list.map((e) => topicForEvent(e.type)), list.map((e) => keyForEvent(e)), list.map((e) => JSON.stringify(e))],
  );
}

interface PostOwners {
  id: string;
  community_id: string;
  author_id: string;
  kind: string;
  domain: string;
}

interface CommentOwners {
  id: string;
  post_id: string;
  author_id: string;
  listingsOnly?: boolean;
}
