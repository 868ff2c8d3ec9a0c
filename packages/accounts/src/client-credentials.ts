import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Script-app credentials. The client id is public (22 base64url characters,
 * like reddit's); the secret (28 characters, 168 random bits) is shown once
 * and only its sha256 is stored. A fast hash is enough for a secret this
 * random: there is nothing to brute-force from a dictionary.
 *
 * apps/ops (`oauth create-client`) writes the same scheme; the oauth
 * integration test runs that command and uses its output against the token
 * endpoint, so the two cannot drift apart silently.
 */
export function newClientCredentials(): { clientId: string; secret: string; secretHash: string } {
  const clientId = randomBytes(16).toString("base64url");
  const secret = randomBytes(21).toString("base64url");
  return { clientId, secret, secretHash: clientSecretHash(secret) };
}

export function clientSecretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function clientSecretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(clientSecretHash(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
