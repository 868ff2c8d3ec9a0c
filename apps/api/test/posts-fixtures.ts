import { expect } from "vitest";
import type { AppServices } from "../src/services.js";
import { createUserWithToken } from "./fixtures.js";
import { startTestApi, TestClient, type TestApi } from "./harness.js";

/** A community with `moderator` as its moderator, inserted directly (no API needed). */
export async function createCommunity(services: AppServices, name: string, moderatorId: bigint) {
  const community = await services.db.community.create({
    data: { id: services.ids.next(), name, nameLower: name.toLowerCase(), title: name, creatorId: moderatorId },
  });
  await services.db.moderator.create({ data: { communityId: community.id, userId: moderatorId } });
  return community;
}

/** A user with a bearer token and a client that uses it (as PRAW would). */
export async function userClient(api: TestApi, name: string, opts: { isAdmin?: boolean } = {}) {
  const { user, token } = await createUserWithToken(api.services, name, opts);
  return { user, token, client: new TestClient(api.url).useBearer(token) };
}

export type UserClient = Awaited<ReturnType<typeof userClient>>;

/**
 * The content tests' world: a test API, alice (moderator of `communityName`), bob, and an
 * anonymous client.
 */
export async function startContentApi(communityName: string) {
  const api = await startTestApi();
  try {
    const alice = await userClient(api, "alice");
    const bob = await userClient(api, "bob");
    const anon = new TestClient(api.url);
    await createCommunity(api.services, communityName, alice.user.id);
    return { api, alice, bob, anon };
  } catch (err) {
    await api.close();
    throw err;
  }
}

export interface OutboxEntry {
  topic: string;
  key: string;
  type: string;
  data: Record<string, unknown>;
}

/** Every outbox row, oldest first. */
export async function outbox(services: AppServices): Promise<OutboxEntry[]> {
  const rows = await services.db.outbox.findMany({ orderBy: { id: "asc" } });
  return rows.map((r) => {
    const p = r.payload as { type: string; data: Record<string, unknown> };
    return { topic: r.topic, key: r.key, type: p.type, data: p.data };
  });
}

/** Row counts of every table a content write touches, for "nothing written" assertions. */
async function rowCounts(services: AppServices) {
  const db = services.db;
  const [posts, comments, votes, saved, hidden, reports, outboxRows] = await Promise.all([
    db.post.count(),
    db.comment.count(),
    db.vote.count(),
    db.saved.count(),
    db.hidden.count(),
    db.report.count(),
    db.outbox.count(),
  ]);
  return { posts, comments, votes, saved, hidden, reports, outbox: outboxRows };
}

/**
 * Runs `act` and checks it was refused with `status`, a machine-readable error naming `field`
 * (and `code` when given), and that nothing was written: row counts, the outbox, and a
 * fingerprint of the posts and comments rows are unchanged.
 */
export async function expectRefused(
  services: AppServices,
  act: () => ReturnType<TestClient["call"]>,
  want: { status: number; field?: string; code?: string },
) {
  const snapshot = async () => ({
    counts: await rowCounts(services),
    posts: await services.db.post.findMany({ orderBy: { id: "asc" } }),
    comments: await services.db.comment.findMany({ orderBy: { id: "asc" } }),
    votes: await services.db.vote.findMany({ orderBy: [{ thingId: "asc" }, { userId: "asc" }] }),
  });
  const before = await snapshot();
  const res = await act();
  expect(res.status, JSON.stringify(res.body)).toBe(want.status);
  expect(res.body.json.errors).toHaveLength(1);
  if (want.field !== undefined) {
    expect(res.body.fields).toEqual([want.field]);
    expect(res.body.json.errors[0][2]).toBe(want.field);
  }
  if (want.code !== undefined) expect(res.body.reason).toBe(want.code);
  expect(await snapshot()).toEqual(before);
  return res;
}
