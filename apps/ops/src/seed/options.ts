import { z } from "zod";
import { SEED_SIZES } from "./plan.js";
import type { SeedProgressListener } from "./progress.js";

/**
 * Options of a seeding run, validated at both entrances (the CLI and the
 * programmatic seed()). Errors name the argument ("size", "seed", …).
 */
export const seedOptionsSchema = z.object({
  size: z.enum(SEED_SIZES, { error: `must be one of ${SEED_SIZES.join(", ")}` }).default("small"),
  /** The PRNG seed: same seed, same site (names, texts, relations, counts; times are relative to `now`). */
  seed: z.coerce.number({ error: "must be an integer" }).int("must be an integer").min(0, "must be >= 0").max(2 ** 32 - 1, "must be < 2^32").default(1),
  /** Postgres URL; default config().postgres.url. */
  databaseUrl: z
    .string()
    .refine((s) => /^postgres(ql)?:\/\//.test(s), "must be a postgres:// or postgresql:// URL")
    .optional(),
  /** Skip (instead of refusing) when the database already has users. */
  ifEmpty: z.boolean().default(false),
  /** The moment the site is seeded "as of" (default: the clock). */
  now: z.date().optional(),
});

export type SeedOptionsInput = z.input<typeof seedOptionsSchema> & { onProgress?: SeedProgressListener };
export type SeedOptions = z.output<typeof seedOptionsSchema>;

/** Seeding was refused: the arguments are invalid, or the database already has data. */
export class SeedRefusedError extends Error {
  override name = "SeedRefusedError";
}

/** Parses options, turning zod issues into one message naming each bad argument. */
export function parseSeedOptions(input: unknown, flagNames: Partial<Record<string, string>> = {}): SeedOptions {
  const result = seedOptionsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "options");
    return `${flagNames[key] ?? key}: ${issue.message}`;
  });
  throw new SeedRefusedError(`invalid seed options: ${problems.join("; ")}`);
}
