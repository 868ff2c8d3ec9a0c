import { expect } from "vitest";
import { formatFullname, parseFullname } from "@hivemind/core";
import type { AppServices } from "../src/services.js";
import { createUserWithToken } from "./fixtures.js";
import { TestClient, type TestApi } from "./harness.js";

/**
 * Fixtures for moderation tests: accounts and communities (with moderators of
 * chosen seniority) and reports are inserted directly; posts and comments go
 * through /api/submit and /api/comment.
 */

export interface Person {
  id: bigint;
  name: string;
  fullname: string;
  client: TestClient;
}

export async function person(api: TestApi, name: string, opts: { isAdmin?: boolean } = {}): Promise<Person> {
  const { user, token } = await createUserWithToken(api.services, name, opts);
  return { id: user.id, name: user.name, fullname: formatFullname("t2", user.id), client: new TestClient(api.url).useBearer(token) };
}

export async function community(services: AppServices, name: string, moderators: Person[]) {
  const [creator] = moderators;
  if (!creator) throw new Error("a community needs a creator");
  const row = await services.db.community.create({
    data: { id: services.ids.next(), name, nameLower: name.toLowerCase(), title: name, creatorId: creator.id },
  });
  let at = services.now() - 60_000;
  for (const m of moderators) {
    await services.db.moderator.create({ data: { communityId: row.id, userId: m.id, createdAt: new Date((at += 1000)) } });
  }
  return row;
}

/** A self post submitted through /api/submit by `author` (whose upvote and thing.created land in the outbox). */
export async function post(services: AppServices, communityId: bigint, author: Person, title = "a post") {
  const { name } = await services.db.community.findUniqueOrThrow({ where: { id: communityId }, select: { name: true } });
  const res = await author.client.post("/api/submit", { sr: name, kind: "self", title, text: "text" });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const fullname = (res.body as { json: { data: { name: string } } }).json.data.name;
  const row = await services.db.post.findUniqueOrThrow({ where: { id: parseFullname(fullname, ["t3"]).id } });
  return { ...row, fullname };
}

/** A top-level comment posted through /api/comment by `author`. */
export async function comment(services: AppServices, postRow: { id: bigint; communityId: bigint }, author: Person, body = "a comment") {
  const res = await author.client.post("/api/comment", { thing_id: formatFullname("t3", postRow.id), text: body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const fullname = (res.body as { json: { data: { things: { data: { name: string } }[] } } }).json.data.things[0]!.data.name;
  const row = await services.db.comment.findFirstOrThrow({ where: { id: parseFullname(fullname, ["t1"]).id } });
  return { ...row, fullname };
}

export async function report(services: AppServices, thing: { id: bigint; communityId: bigint; fullname: string }, reporter: Person, reason: string) {
  return services.db.report.create({
    data: { id: services.ids.next(), thingId: thing.id, kind: thing.fullname.startsWith("t3_") ? 3 : 1, communityId: thing.communityId, reporterId: reporter.id, reason },
  });
}

const TABLES = ["posts", "comments", "reports", "bans", "moderators", "mod_actions", "outbox"] as const;

/** A fingerprint of every table moderation writes, to assert a refusal wrote nothing. */
async function snapshot(services: AppServices): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const { rows } = await services.pool.query<{ n: string; h: string | null }>(
      `SELECT count(*)::text AS n, md5(string_agg(x::text, ',' ORDER BY x::text)) AS h FROM ${t} x`,
    );
    out[t] = `${rows[0]?.n}:${rows[0]?.h ?? ""}`;
  }
  return out;
}

/** The error body of error-response.ts. */
export interface ErrorBody {
  error: number;
  message: string;
  reason: string;
  fields: string[];
  json: { errors: [string, string, string][] };
}

/** Runs `act`, expects the status (and error field), and that no table changed. */
export async function expectRefused(
  services: AppServices,
  act: () => Promise<{ status: number; body: unknown }>,
  status: number,
  field?: string,
): Promise<ErrorBody> {
  const before = await snapshot(services);
  const res = await act();
  const body = res.body as ErrorBody;
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.json.errors).toHaveLength(1);
  if (field !== undefined) expect(body.fields).toEqual([field]);
  expect(await snapshot(services)).toEqual(before);
  return body;
}

export interface OutboxEvent {
  type: string;
  data: Record<string, unknown>;
}

const MODERATION_EVENTS = ["thing.removed", "thing.approved", "thing.locked", "thing.unlocked", "thing.stickied", "thing.unstickied"];

/** The moderation events in the outbox (in order), for one thing fullname or all things. */
export async function outboxEvents(services: AppServices, key?: string): Promise<OutboxEvent[]> {
  const rows = await services.db.outbox.findMany({ where: key ? { key } : {}, orderBy: { id: "asc" } });
  return rows.map((r) => r.payload as unknown as OutboxEvent).filter((e) => MODERATION_EVENTS.includes(e.type));
}

export async function modActions(services: AppServices, communityId: bigint) {
  return services.db.modAction.findMany({ where: { communityId }, orderBy: { id: "asc" } });
}
