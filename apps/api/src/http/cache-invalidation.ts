import type { FastifyInstance, FastifyRequest } from "fastify";
import { parseFullname } from "@hivemind/core";
import { log } from "../logger.js";
import type { AppServices } from "../services.js";
import { toParams } from "./params.js";
import { apiRequestOf } from "./request.js";

/**
 * After a write commits, the caches the read path owns that it made stale are deleted before the
 * answer goes out: the thing cache entry of an edited, deleted, removed, approved, locked,
 * (un)stickied or (un)flagged (nsfw, spoiler) thing, a community's stickies or bans, a reader's merged front pages after they
 * (un)subscribe. Best effort: a delete that fails (node down) or never runs (process killed
 * after the commit) leaves the entry to its TTL, which bounds how long anything stale is shown.
 * Keyed by route path, so the write routes themselves stay as they are.
 */

type Params = Record<string, string>;

interface Invalidation {
  things?(p: Params): string[];
  community?(p: Params, req: FastifyRequest, services: AppServices): Promise<{ id: bigint; bans?: boolean; stickies?: boolean } | null>;
  reader?: boolean;
}

function ids(p: Params, ...fields: string[]): string[] {
  const out: string[] = [];
  for (const f of fields) {
    for (const s of (p[f] ?? "").split(",")) {
      const v = s.trim();
      try {
        parseFullname(v, ["t1", "t3"], f);
        out.push(v);
      } catch {
        /* not a thing: nothing cached under it */
      }
    }
  }
  return out;
}

async function communityOfThing(p: Params, services: AppServices): Promise<bigint | null> {
  const [name] = ids(p, "id");
  if (!name) return null;
  const { kind, id } = parseFullname(name, ["t1", "t3"], "id");
  const row = kind === "t3" ? await services.db.post.findUnique({ where: { id }, select: { communityId: true } }) : await services.db.comment.findFirst({ where: { id }, select: { communityId: true } });
  return row?.communityId ?? null;
}

async function communityByPath(req: FastifyRequest, p: Params, services: AppServices): Promise<bigint | null> {
  const name = (req.params as Params).sub ?? p.r;
  if (!name) return null;
  const row = await services.db.community.findUnique({ where: { nameLower: name.toLowerCase() }, select: { id: true } });
  return row?.id ?? null;
}

const thing: Invalidation = { things: (p) => ids(p, "id", "thing_id") };
const ban: Invalidation = {
  async community(p, req, services) {
    if ((p.type ?? "") !== "banned") return null;
    const id = await communityByPath(req, p, services);
    return id === null ? null : { id, bans: true };
  },
};

const TABLE: Record<string, Invalidation> = {
  "/api/editusertext": thing,
  "/api/del": thing,
  "/api/remove": thing,
  "/api/approve": thing,
  "/api/lock": thing,
  "/api/unlock": thing,
  "/api/marknsfw": thing,
  "/api/unmarknsfw": thing,
  "/api/spoiler": thing,
  "/api/unspoiler": thing,
  "/api/set_subreddit_sticky": {
    things: (p) => ids(p, "id"),
    async community(p, _req, services) {
      const id = await communityOfThing(p, services);
      return id === null ? null : { id, stickies: true };
    },
  },
  "/r/:sub/api/friend": ban,
  "/api/friend": ban,
  "/r/:sub/api/unfriend": ban,
  "/api/unfriend": ban,
  "/api/subscribe": { reader: true },
};

/** Registers the post-commit deletes (an onSend hook on successful POSTs of the routes above). */
export function registerCacheInvalidation(app: FastifyInstance, services: AppServices): void {
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.method !== "POST" || reply.statusCode !== 200) return payload;
    const inv = TABLE[req.routeOptions.url ?? ""];
    if (!inv) return payload;
    try {
      const p = toParams(req.query as Record<string, string>, req.body as string | undefined, req.headers["content-type"]);
      const things = inv.things?.(p) ?? [];
      if (things.length > 0) await services.reads.invalidateThings(things);
      const community = inv.community ? await inv.community(p, req, services) : null;
      if (community) await services.reads.invalidateCommunity(community.id, community);
      if (inv.reader) {
        const actor = await services.auth.resolve(apiRequestOf(req), { write: false });
        if (actor) await services.reads.invalidateFrontPage(actor.userId);
      }
    } catch (err) {
      log.warn({ err, url: req.url }, "cache invalidation after a write failed; the TTL bounds the staleness");
    }
    return payload;
  });
}
