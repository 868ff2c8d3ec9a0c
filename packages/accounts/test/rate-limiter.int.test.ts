import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "@hivemind/config";
import { createCacheRing, type CacheRing } from "@hivemind/cache";
import { RateLimitError, type Limits } from "@hivemind/core";
import { createActionLimiter } from "../src/index.js";

// Three votes per account per minute, no address limit: what the tests below count against.
const limits: Limits = { of: () => ({ perAccount: { count: 3, windowSeconds: 60 }, perAddress: null }) };
const namespace = `rl-test-${randomUUID().slice(0, 8)}:`;
let ring: CacheRing;
let deadRing: CacheRing;

beforeAll(async () => {
  ring = createCacheRing({ nodes: config().redis.nodes });
  await ring.start();
  // One node on a port nothing listens on: every counter's node is down.
  deadRing = createCacheRing({ nodes: [{ id: "gone", host: "127.0.0.1", port: 1 }], commandTimeoutMs: 100 });
  await deadRing.start();
});

afterAll(async () => {
  await ring?.destroy();
  await deadRing?.destroy();
});

async function attempts(limiter: ReturnType<typeof createActionLimiter>, account: string, n: number): Promise<("ok" | "limited")[]> {
  return Promise.all(
    Array.from({ length: n }, () =>
      limiter.consume("vote", { account, address: "127.0.0.1" }).then(
        () => "ok" as const,
        (err: unknown) => {
          if (err instanceof RateLimitError) return "limited" as const;
          throw err;
        },
      ),
    ),
  );
}

describe("abuse limits on the cache ring", () => {
  it("two processes share one count: of 8 concurrent attempts through both, exactly 3 pass", async () => {
    const a = createActionLimiter(ring, limits, { namespace });
    const b = createActionLimiter(ring, limits, { namespace });
    const results = (await Promise.all([attempts(a, "u1", 4), attempts(b, "u1", 4)])).flat();
    expect(results.filter((r) => r === "ok")).toHaveLength(3);
    // Another account has its own count.
    expect(await attempts(a, "u2", 1)).toEqual(["ok"]);
  });

  it("with the counter's node down, the limit still holds in each process (counted in memory)", async () => {
    const limiter = createActionLimiter(deadRing, limits, { namespace });
    const results = await attempts(limiter, "u3", 5);
    expect(results.filter((r) => r === "ok")).toHaveLength(3);
  });
});
