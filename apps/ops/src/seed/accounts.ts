import { hash, type Algorithm } from "@node-rs/argon2";

/**
 * Accounts with known passwords, for trying the site and for tests. Only these
 * are hashed (argon2id, the same profile apps/web uses); every other seeded
 * user gets PLACEHOLDER_PASSWORD_HASH, which no password matches.
 */
export interface KnownAccount {
  name: string;
  password: string;
  isAdmin: boolean;
  /** What the account is for. */
  role: string;
  /** Community the account moderates (curated, so it exists in every size). */
  moderates?: string;
}

export const KNOWN_ACCOUNTS: readonly KnownAccount[] = [
  { name: "admin", password: "hivemind-admin", isAdmin: true, role: "site admin" },
  { name: "alice", password: "hivemind-alice", isAdmin: false, role: "regular user" },
  { name: "bob", password: "hivemind-bob", isAdmin: false, role: "moderator of r/programming", moderates: "programming" },
];

/** Not an argon2 PHC string, so verification always fails (apps/web treats any non-"$argon2" hash as no password). */
export const PLACEHOLDER_PASSWORD_HASH = "!seeded-user:no-password";

/** Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import as a value). */
const ARGON2ID_ALGORITHM = 2 as Algorithm.Argon2id;
const ARGON2ID = { algorithm: ARGON2ID_ALGORITHM, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashKnownPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}
