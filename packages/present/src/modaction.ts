import { z } from "zod";
import { toBase36 } from "@hivemind/core";
import type { Community } from "@hivemind/db";
import { decodeModActionText, type ModLogEntry } from "@hivemind/domain";
import { epochSeconds } from "./common.js";

const ID_PREFIX = "ModAction_";

/** reddit names mod log entries `ModAction_<uuid>`; ours carry the (time-ordered) row id. */
export function modActionIdOf(id: bigint): string {
  return `${ID_PREFIX}${toBase36(id)}`;
}

/** A mod log entry as reddit's `{kind:"modaction", data}`. */
export function presentModAction(entry: ModLogEntry, community: Pick<Community, "id" | "name">) {
  const { action: a } = entry;
  const text = decodeModActionText(a.details);
  return {
    kind: "modaction" as const,
    data: {
      id: modActionIdOf(a.id),
      action: a.action,
      mod: entry.moderatorName,
      mod_id36: toBase36(a.moderatorId),
      created_utc: epochSeconds(a.createdAt),
      target_fullname: a.targetFullname,
      target_author: entry.targetAuthorName,
      details: text.details,
      description: text.description,
      subreddit: community.name,
      subreddit_name_prefixed: `r/${community.name}`,
      sr_id36: toBase36(community.id),
    },
  };
}

export const modActionSchema = z.object({
  kind: z.literal("modaction"),
  data: z.looseObject({
    id: z.string().regex(/^ModAction_/),
    action: z.string(),
    mod: z.string(),
    mod_id36: z.string(),
    created_utc: z.number(),
    target_fullname: z.string().nullable(),
    target_author: z.string().nullable(),
    details: z.string().nullable(),
    description: z.string().nullable(),
    subreddit: z.string(),
    sr_id36: z.string(),
  }),
});
