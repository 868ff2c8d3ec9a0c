import { formatFullname } from "@hivemind/core";
import type { AppServices } from "../src/services.js";
import { startTestApi, TestClient } from "./harness.js";
import { createCommunity, userClient } from "./posts-fixtures.js";

/** A post inserted directly with chosen votes and age (listing tests rank by these). */
export async function insertPost(
  services: AppServices,
  p: { communityId: bigint; authorId: bigint; title: string; ups?: number; downs?: number; ageMs?: number; url?: string; domain?: string },
) {
  const createdAt = new Date(services.now() - (p.ageMs ?? 0));
  const row = await services.db.post.create({
    data: {
      id: services.ids.next(),
      communityId: p.communityId,
      authorId: p.authorId,
      title: p.title,
      kind: p.url ? "link" : "self",
      url: p.url ?? null,
      domain: p.domain ?? "",
      ups: p.ups ?? 1,
      downs: p.downs ?? 0,
      createdAt,
    },
  });
  return { ...row, fullname: formatFullname("t3", row.id) };
}

/** A top-level comment inserted directly. */
export async function insertComment(services: AppServices, c: { postId: bigint; communityId: bigint; authorId: bigint; body: string; ups?: number }) {
  const row = await services.db.comment.create({
    data: { id: services.ids.next(), postId: c.postId, communityId: c.communityId, authorId: c.authorId, body: c.body, ups: c.ups ?? 1 },
  });
  return { ...row, fullname: formatFullname("t1", row.id) };
}

/** The fullnames of a Listing response's children. */
export function names(body: { data: { children: { data: { name: string } }[] } }): string[] {
  return body.data.children.map((c) => c.data.name);
}

/**
 * The content tests' world over a read path whose skeleton is computed from Postgres on every
 * read (no worker runs here, so direct inserts and writes show at once).
 */
export async function startListingApi(communityName: string) {
  const api = await startTestApi({ listings: "postgres" });
  const services = api.services;
  const alice = await userClient(api, "alice");
  const bob = await userClient(api, "bob");
  await createCommunity(services, communityName, alice.user.id);
  return { api, alice, bob, anon: new TestClient(api.url) };
}
