import { describe, expect, it } from "vitest";
import {
  EVENT_TYPES,
  LISTING_TRIGGER_MAX_THINGS,
  TOPICS,
  ValidationError,
  createEvent,
  keyForEvent,
  parseEvent,
  serializeEvent,
  topicForEvent,
  type HivemindEvent,
} from "../src/index.js";

const ID = "0b5f3f4e-8a3c-4d2b-9f1e-2c7a1b9d6e50";
const AT = Date.UTC(2026, 10, 22, 18);

const vote = {
  id: ID,
  type: "vote.cast",
  v: 1,
  at: AT,
  data: { thing: "t3_15bfi0", user: "4cixf", dir: 1, prev: 0, author: "9z", community: "2bx" },
};

function ok(input: unknown): HivemindEvent {
  const r = parseEvent(input);
  if (!r.ok) throw r.error;
  return r.event;
}

function fail(input: unknown): ValidationError {
  const r = parseEvent(input);
  if (r.ok) throw new Error(`parsed: ${JSON.stringify(input)}`);
  return r.error;
}

describe("event envelope", () => {
  it("parses a vote from an object, a JSON string and Kafka bytes", () => {
    expect(ok(vote)).toEqual(vote);
    expect(ok(JSON.stringify(vote))).toEqual(vote);
    expect(ok(new TextEncoder().encode(JSON.stringify(vote)))).toEqual(vote);
  });

  it("accepts `at` as an ISO string and turns it into ms", () => {
    expect(ok({ ...vote, at: "2026-11-22T18:00:00Z" }).at).toBe(AT);
    expect(ok({ ...vote, at: "2026-11-22T19:00:00+01:00" }).at).toBe(AT);
    expect(fail({ ...vote, at: "yesterday" }).field).toBe("at");
    expect(fail({ ...vote, at: -1 }).field).toBe("at");
  });

  it("never throws on garbage, naming the failing field", () => {
    for (const bad of [undefined, null, 42, "not json", "{", [], {}, new Uint8Array([0xff, 0xfe])]) {
      const r = parseEvent(bad);
      expect(r.ok).toBe(false);
    }
    expect(fail({ ...vote, id: "nope" }).field).toBe("id");
    expect(fail({ ...vote, type: "vote.revoked" }).field).toBe("type");
    expect(fail({ ...vote, data: { ...vote.data, dir: 2 } }).field).toBe("data.dir");
    expect(fail({ ...vote, data: { ...vote.data, thing: "t5_abc" } }).field).toBe("data.thing");
    expect(fail({ ...vote, data: { ...vote.data, user: "ABC" } }).field).toBe("data.user");
    expect(fail({ ...vote, data: { ...vote.data, prev: undefined } }).field).toBe("data.prev");
  });

  it("refuses other versions", () => {
    const e = fail({ ...vote, v: 2 });
    expect(e.field).toBe("v");
    expect(e.message).toContain("unsupported event version");
    expect(fail({ ...vote, v: undefined }).field).toBe("v");
  });

  it("round-trips through serializeEvent", () => {
    const e = ok(vote);
    expect(ok(serializeEvent(e))).toEqual(e);
  });
});

describe("thing events", () => {
  const post = {
    thing: "t3_15bfi0",
    post: "t3_15bfi0",
    parent: null,
    community: "2bx",
    author: "9z",
    created: AT,
    domain: "example.com",
  };
  const comment = { ...post, thing: "t1_a", parent: "t3_15bfi0", domain: null };

  it("creates posts and comments", () => {
    expect(createEvent("thing.created", post, { id: ID, at: AT }).data).toEqual(post);
    expect(createEvent("thing.created", comment, { id: ID, at: AT }).data).toEqual(comment);
    const { domain: _d, ...noDomain } = post;
    expect(createEvent("thing.created", noDomain, { id: ID, at: AT }).data.domain).toBeNull();
  });

  it("checks a post is its own post and a comment has a parent", () => {
    expect(() => createEvent("thing.created", { ...post, post: "t3_other" }, { id: ID, at: AT })).toThrow(ValidationError);
    expect(() => createEvent("thing.created", { ...post, parent: "t1_a" }, { id: ID, at: AT })).toThrow(ValidationError);
    let err: unknown;
    try {
      createEvent("thing.created", { ...comment, parent: null }, { id: ID, at: AT });
    } catch (e) {
      err = e;
    }
    expect((err as ValidationError).field).toBe("data.parent");
  });

  it("has every moderation and lifecycle type", () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        "vote.cast",
        "thing.created",
        "thing.edited",
        "thing.deleted",
        "thing.removed",
        "thing.approved",
        "thing.locked",
        "thing.unlocked",
        "thing.stickied",
        "thing.unstickied",
        "listing.update",
        "comments.update",
        "user.banned",
        "user.unbanned",
      ].sort(),
    );
    const action = { thing: "t3_15bfi0", post: "t3_15bfi0", community: "2bx", author: "9z", by: "4cixf" };
    for (const type of ["thing.edited", "thing.deleted", "thing.approved", "thing.locked", "thing.unlocked", "thing.unstickied"] as const) {
      expect(createEvent(type, action, { id: ID, at: AT }).data).toEqual(action);
    }
    expect(createEvent("thing.removed", action, { id: ID, at: AT }).data.spam).toBe(false);
    expect(createEvent("thing.removed", { ...action, spam: true }, { id: ID, at: AT }).data.spam).toBe(true);
    expect(createEvent("thing.stickied", { ...action, slot: 2 }, { id: ID, at: AT }).data.slot).toBe(2);
    expect(() => createEvent("thing.stickied", { ...action, slot: 3 }, { id: ID, at: AT })).toThrow(ValidationError);
  });
});

describe("listing.update", () => {
  const update = {
    owner: "sr:2bx",
    thing: "t3_15bfi0",
    op: "upsert" as const,
    values: { hot: 12676.5377111, new: AT, top: 12, controversial: 0, rising: null },
    created: AT,
  };

  it("parses an upsert and a remove", () => {
    expect(createEvent("listing.update", update, { id: ID, at: AT }).data).toEqual(update);
    const { values: _v, ...remove } = { ...update, op: "remove" as const };
    expect(createEvent("listing.update", remove, { id: ID, at: AT }).data.values).toEqual({});
  });

  it("carries more things of the same owner, at most LISTING_TRIGGER_MAX_THINGS in all, each a post or comment fullname", () => {
    expect(createEvent("listing.update", { ...update, things: ["t3_a", "t1_b"] }, { id: ID, at: AT }).data.things).toEqual(["t3_a", "t1_b"]);
    const many = Array.from({ length: LISTING_TRIGGER_MAX_THINGS + 1 }, (_, i) => `t3_${(i + 1).toString(36)}`);
    expect(() => createEvent("listing.update", { ...update, things: many }, { id: ID, at: AT })).toThrow(ValidationError);
    expect(() => createEvent("listing.update", { ...update, things: ["t5_a"] }, { id: ID, at: AT })).toThrow(ValidationError);
  });

  it("refuses an owner that is not a listing owner key", () => {
    for (const owner of ["sr:2bx:hot", "nope", "", "sr:2BX"]) {
      expect(() => createEvent("listing.update", { ...update, owner }, { id: ID, at: AT })).toThrow(ValidationError);
    }
  });
});

describe("topics and keys", () => {
  it("routes votes, things and listing updates", () => {
    expect(TOPICS).toEqual({ votes: "votes", things: "things", listingUpdates: "listing-updates", commentUpdates: "comment-updates" });
    expect(topicForEvent("vote.cast")).toBe("votes");
    for (const t of EVENT_TYPES.filter((t) => t.startsWith("thing.") || t.startsWith("user."))) expect(topicForEvent(t)).toBe("things");
    expect(topicForEvent("comments.update")).toBe("comment-updates");
    expect(topicForEvent("listing.update")).toBe("listing-updates");
  });

  it("keys votes and things by the thing, listing updates by the owner", () => {
    expect(keyForEvent(ok(vote))).toBe("t3_15bfi0");
    const removed = createEvent("thing.removed", { thing: "t1_a", post: "t3_15bfi0", community: "2bx", author: "9z", by: "4cixf" }, { id: ID, at: AT });
    expect(keyForEvent(removed)).toBe("t1_a");
    const upd = createEvent(
      "listing.update",
      { owner: "d:example.com", thing: "t3_15bfi0", op: "remove", created: AT },
      { id: ID, at: AT },
    );
    expect(keyForEvent(upd)).toBe("d:example.com");
  });
});
