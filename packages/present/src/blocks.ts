import { z } from "zod";
import { formatFullname } from "@hivemind/core";
import type { BlockedAccount } from "@hivemind/domain";
import { epochSeconds } from "./common.js";

/** A blocked account as reddit lists it (`prefs/blocked`, block_user's answer): PRAW turns `{date, id, name}` into a Redditor. */
export function presentBlocked(b: BlockedAccount) {
  return { date: epochSeconds(b.since), id: formatFullname("t2", b.userId), name: b.name };
}

export const blockedAccountSchema = z.object({ date: z.number(), id: z.string().regex(/^t2_/), name: z.string() });
