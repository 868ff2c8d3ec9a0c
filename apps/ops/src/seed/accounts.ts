
/**
 * Accounts with known passwords, for trying the site and for tests. Only these
 * are hashed (argon2id, the profile of @hivemind/accounts); every other seeded
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

/**
 * The admin's password is not published: `ADMIN_PASSWORD` stands for the one generated on the
 * first seed and kept under .state/ (admin-password.ts); sample users keep published ones.
 */
export const ADMIN_PASSWORD = "(generated: .state/admin-password)";

export const KNOWN_ACCOUNTS: readonly KnownAccount[] = [
  { name: "admin", password: ADMIN_PASSWORD, isAdmin: true, role: "site admin" },
  { name: "alice", password: "hivemind-alice", isAdmin: false, role: "regular user" },
  { name: "bob", password: "hivemind-bob", isAdmin: false, role: "moderator of r/programming", moderates: "programming" },
];

/** Not an argon2 PHC string, so verification always fails (@hivemind/accounts treats any non-"$argon2" hash as no password). */
export const PLACEHOLDER_PASSWORD_HASH = "!seeded-user:no-password";

