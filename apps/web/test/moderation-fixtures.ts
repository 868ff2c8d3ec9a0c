import { expect } from "vitest";
import { formatFullname } from "@hivemind/core";
import type { AppServices } from "../src/server/services.js";
import { createUserWithToken } from "./fixtures.js";
import { TestClient, type TestApi } from "./harness.js";

/**
 * Rows for moderation tests, inserted directly (the posts engineer's
 * /api/submit is not there yet): a community with a moderator, posts,
 * comments and reports.
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

export async function post(services: AppServices, communityId: bigint, author: Person, title = "a post") {
  const row = await services.db.post.create({
    data: { id: services.ids.next(), communityId, authorId: author.id, title, kind: "self", body: "text", domain: "self.x" },
  });
  return { ...row, fullname: formatFullname("t3", row.id) };
}

export async function comment(services: AppServices, postRow: { id: bigint; communityId: bigint }, author: Person, body = "a comment") {
  const row = await services.db.comment.create({
    data: { id: services.ids.next(), postId: postRow.id, communityId: postRow.communityId, authorId: author.id, body },
  });
  return { ...row, fullname: formatFullname("t1", row.id) };
}

export async function report(services: AppServices, thing: { id: bigint; communityId: bigint; fullname: string }, reporter: Person, reason: string) {
  return services.db.report.create({
    data: { id: services.ids.next(), thingId: thing.id, kind: thing.fullname.startsWith("t3_") ? 3 : 1, communityId: thing.communityId, reporterId: reporter.id, reason },
  });
}

const TABLES = ["posts", "comments", "reports", "bans", "moderators", "mod_actions", "outbox"] as const;

/** A fingerprint of every table moderation writes, to assert a refusal wrote nothing. */
export async function snapshot(services: AppServices): Promise<Record<string, string>> {
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

/** The outbox events (in order) for one thing fullname, or all of them. */
export async function outboxEvents(services: AppServices, key?: string): Promise<OutboxEvent[]> {
  const rows = await services.db.outbox.findMany({ where: key ? { key } : {}, orderBy: { id: "asc" } });
  return rows.map((r) => r.payload as unknown as OutboxEvent);
}

export async function modActions(services: AppServices, communityId: bigint) {
  return services.db.modAction.findMany({ where: { communityId }, orderBy: { id: "asc" } });
}
