export { seed, type SeedResult } from "./run-seed.js";
export { seedOptionsSchema, parseSeedOptions, SeedRefusedError, type SeedOptions, type SeedOptionsInput } from "./options.js";
export { SEED_SIZES, planFor, type SeedPlan, type SeedSize } from "./plan.js";
export { KNOWN_ACCOUNTS, PLACEHOLDER_PASSWORD_HASH, type KnownAccount } from "./accounts.js";
export { SEED_PHASES, type SeedPhase, type SeedProgress, type SeedProgressListener } from "./progress.js";
export { ZipfSampler, zipfWeights, cappedShares } from "./zipf.js";
export { Random } from "./random.js";
export { progressBars } from "./progress-bars.js";
export { formatSeedSummary } from "./summary.js";
