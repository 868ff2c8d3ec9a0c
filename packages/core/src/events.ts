/**
 * Kafka events: one versioned envelope, `{ id, type, v, at, data }`, and a zod schema per type.
 *
 * - `id`: a UUID chosen by the producer (the outbox row), so consumers can de-duplicate.
 * - `v`: schema version of `data` (1). A breaking change adds a new version, never edits one.
 * - `at`: when it happened, Unix ms. Parsing also accepts an ISO-8601 string and turns it into ms.
 * - ids travel as strings (bigint is not JSON): things as fullnames, users/communities as id36.
 *
 * Topics and keys (DESIGN.md §4): votes and things are keyed by the thing's fullname (one writer
 * per thing), listing-updates by the listing owner key (one writer per listing owner).
 */
import { z } from "zod";
import { fromZodError, ValidationError } from "./errors.js";
import { fullnameSchema, id36Schema } from "./fullname.js";
import { parseListingOwnerKey } from "./listing-keys.js";

export const EVENT_VERSION = 1;

export const TOPICS = {
  votes: "votes",
  things: "things",
  listingUpdates: "listing-updates",
  commentUpdates: "comment-updates",
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];
/** Partitions of every topic (the stack creates them so; the key decides the partition). */
export const TOPIC_PARTITIONS = 12;

/** Unix ms, or an ISO-8601 date-time (offset allowed) converted to Unix ms. */
export const eventTimeSchema = z.union([
  z.number().int().nonnegative(),
  z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)),
]);

const msSchema = z.number().int().nonnegative();
/** A post or comment. */
const thingFullname = fullnameSchema(["t1", "t3"]);
const dirSchema = z.union([z.literal(-1), z.literal(0), z.literal(1)]);

// ---------------------------------------------------------------------------------------------
// data schemas

/**
 * vote.cast: `user` set their vote on `thing` to `dir`, from `prev` (the dir stored before this
 * vote, read under the vote row's lock in the same transaction). Each event is the delta
 * prev → dir, so the tally sums deltas in any order. `author` is the thing's author (karma),
 * `community` where it lives.
 */
export const voteCastDataSchema = z.object({
  thing: thingFullname,
  user: id36Schema,
  dir: dirSchema,
  prev: dirSchema,
  author: id36Schema,
  community: id36Schema,
});

/**
 * thing.created: a post (thing t3; `post` = thing, `parent` null) or a comment (thing t1; `post`
 * its post, `parent` the post or the comment it replies to). `domain` is the link's domain
 * (`domainOf`), null for self posts and comments. `created` is Unix ms.
 */
export const thingCreatedDataSchema = z
  .object({
    thing: thingFullname,
    post: fullnameSchema(["t3"]),
    parent: thingFullname.nullable(),
    community: id36Schema,
    author: id36Schema,
    created: msSchema,
    domain: z.string().min(1).max(253).nullable().default(null),
  })
  .superRefine((d, ctx) => {
    if (d.thing.startsWith("t3_")) {
      if (d.post !== d.thing) ctx.addIssue({ code: "custom", path: ["post"], message: "a post's `post` must be itself" });
      if (d.parent !== null) ctx.addIssue({ code: "custom", path: ["parent"], message: "a post has no parent" });
    } else if (d.parent === null) {
      ctx.addIssue({ code: "custom", path: ["parent"], message: "a comment needs a parent" });
    }
  });

/** Fields every moderation/lifecycle event carries: the thing, where it lives, who wrote it, who acted. */
const thingActionShape = {
  thing: thingFullname,
  /** The post the thing belongs to (itself for a post): consumers keyed by post need it. */
  post: fullnameSchema(["t3"]),
  community: id36Schema,
  author: id36Schema,
  /** The account that acted (author for edit/delete, a moderator otherwise). */
  by: id36Schema,
};

export const thingActionDataSchema = z.object(thingActionShape);
export const thingRemovedDataSchema = z.object({ ...thingActionShape, spam: z.boolean().default(false) });
export const thingStickiedDataSchema = z.object({ ...thingActionShape, slot: z.number().int().min(1).max(2).optional() });

/** At most this many things ride on one listing.update (`thing` plus `things`). */
export const LISTING_TRIGGER_MAX_THINGS = 500;

/** Listing sort values carried by listing.update (rising null = drop from rising). */
export const listingValuesSchema = z.object({
  hot: z.number().optional(),
  new: z.number().optional(),
  top: z.number().optional(),
  controversial: z.number().optional(),
  rising: z.number().nullable().optional(),
});

/**
 * listing.update (a trigger: the listings consumer recomputes `thing` in `owner`'s listings from
 * Postgres's current row, so `op` and `values` are informational and never trusted):
 * put `thing` into (op "upsert", with its current sort `values`) or take it out of
 * (op "remove": removed, deleted, spam) every listing of `owner` (a listing owner key such as
 * `sr:2bx` or `all`). `created` (Unix ms) lets the consumer place it in the right time-filtered
 * top/controversial listings. `things` carries more things of the same owner: the trigger means
 * the same for each of them.
 */
export const listingUpdateDataSchema = z.object({
  owner: z.string().superRefine((s, ctx) => {
    try {
      parseListingOwnerKey(s);
    } catch {
      ctx.addIssue({ code: "custom", message: "not a listing owner key" });
    }
  }),
  thing: thingFullname,
  op: z.enum(["upsert", "remove"]),
  values: listingValuesSchema.default({}),
  created: msSchema,
  /** More things of the same owner, coalesced into this one trigger (the tally sends one per owner per batch). */
  things: z.array(thingFullname).max(LISTING_TRIGGER_MAX_THINGS).optional(),
});

/**
 * comments.update: the comment orders and tree of `post` may have changed (a comment was
 * created, voted on, edited, removed…). Keyed by the post, so the comments consumer is the one
 * writer of a post's orders. A trigger: the consumer reads the post's comments from Postgres.
 */
export const commentsUpdateDataSchema = z.object({
  post: fullnameSchema(["t3"]),
  thing: thingFullname,
});

/**
 * user.banned / user.unbanned: `user` was banned from (or let back into) `community` by `by`.
 * The banned author's posts and comments leave (or re-enter) the listings. Keyed by the user
 * (`t2_<id36>`) on the things topic.
 */
export const userBanDataSchema = z.object({
  user: id36Schema,
  community: id36Schema,
  by: id36Schema,
});

// ---------------------------------------------------------------------------------------------
// envelopes

function envelope<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({
    id: z.uuid(),
    type: z.literal(type),
    v: z.literal(EVENT_VERSION),
    at: eventTimeSchema,
    data,
  });
}


export const eventSchema = z.discriminatedUnion("type", [
  envelope("vote.cast", voteCastDataSchema),
  envelope("thing.created", thingCreatedDataSchema),
  envelope("thing.edited", thingActionDataSchema),
  envelope("thing.deleted", thingActionDataSchema),
  envelope("thing.removed", thingRemovedDataSchema),
  envelope("thing.approved", thingActionDataSchema),
  envelope("thing.locked", thingActionDataSchema),
  envelope("thing.unlocked", thingActionDataSchema),
  envelope("thing.stickied", thingStickiedDataSchema),
  envelope("thing.unstickied", thingActionDataSchema),
  envelope("listing.update", listingUpdateDataSchema),
  envelope("comments.update", commentsUpdateDataSchema),
  envelope("user.banned", userBanDataSchema),
  envelope("user.unbanned", userBanDataSchema),
]);

export type HivemindEvent = z.output<typeof eventSchema>;
export type EventType = HivemindEvent["type"];
export type EventOfType<T extends EventType> = Extract<HivemindEvent, { type: T }>;
export type EventData<T extends EventType> = EventOfType<T>["data"];
/** What a producer may pass as data (defaults not yet applied). */
export type EventDataInput<T extends EventType> = Extract<z.input<typeof eventSchema>, { type: T }>["data"];

export const EVENT_TYPES = eventSchema.options.map((o) => o.shape.type.value) as readonly EventType[];

export type ParseEventResult = { ok: true; event: HivemindEvent } | { ok: false; error: ValidationError };

/**
 * Validate an event: an object, a JSON string, or the raw bytes of a Kafka message value.
 * Never throws; a bad message gives `{ ok: false, error }` with the failing field named.
 */
export function parseEvent(input: unknown): ParseEventResult {
  let value: unknown = input;
  try {
    if (input instanceof Uint8Array) value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(input));
    else if (typeof input === "string") value = JSON.parse(input);
  } catch (e) {
    return { ok: false, error: new ValidationError("event is not valid JSON", { cause: e }) };
  }
  if (typeof value === "object" && value !== null && "v" in value && (value as { v: unknown }).v !== EVENT_VERSION) {
    return {
      ok: false,
      error: new ValidationError(`unsupported event version ${JSON.stringify((value as { v: unknown }).v)}`, { field: "v" }),
    };
  }
  const result = eventSchema.safeParse(value);
  if (result.success) return { ok: true, event: result.data };
  return { ok: false, error: fromZodError(result.error) };
}

/**
 * Build and validate an event (throws ValidationError when `data` is bad). The producer supplies
 * `id` (a UUID, e.g. crypto.randomUUID()) and `at` (Unix ms): core reads no clock.
 */
export function createEvent<T extends EventType>(type: T, data: EventDataInput<T>, meta: { id: string; at: number }): EventOfType<T> {
  const result = eventSchema.safeParse({ id: meta.id, type, v: EVENT_VERSION, at: meta.at, data });
  if (!result.success) throw fromZodError(result.error);
  return result.data as EventOfType<T>;
}

/** JSON for the wire (`at` as Unix ms). */
export function serializeEvent(event: HivemindEvent): string {
  return JSON.stringify(event);
}

/** The topic an event type is published to. */
export function topicForEvent(type: EventType): Topic {
  if (type === "vote.cast") return TOPICS.votes;
  if (type === "listing.update") return TOPICS.listingUpdates;
  if (type === "comments.update") return TOPICS.commentUpdates;
  return TOPICS.things;
}

/**
 * The Kafka message key: the thing fullname (votes, things), the listing owner (listing-updates),
 * the post (comment-updates), the user `t2_<id36>` (bans).
 */
export function keyForEvent(event: HivemindEvent): string {
  switch (event.type) {
    case "listing.update":
      return event.data.owner;
    case "comments.update":
      return event.data.post;
    case "user.banned":
    case "user.unbanned":
      return `t2_${event.data.user}`;
    default:
      return event.data.thing;
  }
}
