import { hash, verify, type Algorithm } from "@node-rs/argon2";

/**
 * Password hashing: argon2id with OWASP's second recommended profile
 * (19 MiB, 2 passes, 1 lane). The PHC string carries its own parameters, so
 * raising them later keeps old hashes verifiable.
 */
// Algorithm is an ambient const enum (not importable as a value here): 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown user, or a
 * fixture placeholder) it still runs a full argon2 verification against a
 * dummy hash, so "no such user" and "wrong password" take the same time.
 */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null || !storedHash.startsWith("$argon2")) {
    dummyHash ??= hashPassword("not-a-real-password-only-for-timing");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
