import { HivemindError } from "@hivemind/core";
import type { Db } from "./client.js";
import type { Prisma } from "../generated/prisma/client.js";

/**
 * Waits for a pooled connection up to 10 s (Prisma's default of 2 s turns a burst of writes into
 * errors); a transaction may run 15 s. Still no connection: 503, which reddit clients retry.
 */
const TX_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

/** Runs `fn` as one interactive transaction: every Prisma write of the domain goes through here. */
export async function inTransaction<T>(deps: { db: Db }, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  try {
    return await deps.db.$transaction(fn, TX_OPTIONS);
  } catch (err) {
    if ((err as { code?: unknown }).code === "P2028" && /start a transaction/i.test(String((err as Error).message))) {
      throw new HivemindError("SERVICE_UNAVAILABLE", "the site is busy, try again", 503, { cause: err });
    }
    throw err;
  }
}
