import { inTransaction, type OAuthClient } from "@hivemind/db";
import { NotFoundError, RateLimitError, ValidationError, type Viewer } from "@hivemind/core";
import { clientSecretMatches, newClientCredentials } from "./client-credentials.js";
import { createSession } from "./sessions.js";
import { authenticate, type AccountServices } from "./accounts.js";

type Svc = AccountServices;

/** Bearer tokens live an hour, as reddit's. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** The scope a token request without `scope` gets, as on reddit: every scope. */
export const ACCESS_TOKEN_SCOPE = "*";
export const MAX_CLIENTS_PER_USER = 20;

export interface CreatedClient {
  clientId: string;
  /** Shown once; only its hash is stored. */
  secret: string;
  name: string;
  createdAt: Date;
}

export async function createClient(svc: Pick<Svc, "db" | "pool" | "ids" | "now">, actor: Viewer, input: { name: string }): Promise<CreatedClient> {
  const { clientId, secret, secretHash } = newClientCredentials();
  const row = await inTransaction(svc, async (tx) => {
    const count = await tx.oAuthClient.count({ where: { userId: actor.userId } });
    if (count >= MAX_CLIENTS_PER_USER) throw new ValidationError(`at most ${MAX_CLIENTS_PER_USER} apps per account`, { code: "TOO_LONG", field: "name" });
    return tx.oAuthClient.create({ data: { clientId, secretHash, userId: actor.userId, name: input.name, createdAt: new Date(svc.now()) } });
  });
  return { clientId: row.clientId, secret, name: row.name, createdAt: row.createdAt };
}

export function listClients(svc: Pick<Svc, "db">, userId: bigint): Promise<OAuthClient[]> {
  return svc.db.oAuthClient.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

/** Deletes one of the caller's apps; its tokens go with it (foreign key cascade). */
export async function deleteClient(svc: Pick<Svc, "db">, actor: Viewer, clientId: string): Promise<void> {
  const { count } = await svc.db.oAuthClient.deleteMany({ where: { clientId, userId: actor.userId } });
  if (count === 0) throw new NotFoundError("no such app", { field: "client_id" });
}

/** The client, when the secret matches (constant-time); null otherwise. */
export async function verifyClient(svc: Pick<Svc, "db">, clientId: string, secret: string): Promise<OAuthClient | null> {
  const client = await svc.db.oAuthClient.findUnique({ where: { clientId } });
  if (!client || secret === "" || !clientSecretMatches(secret, client.secretHash)) return null;
  return client;
}

export type PasswordGrantResult =
  | { ok: true; accessToken: string; scope: string }
  | { ok: false; error: "invalid_grant" }
  | { ok: false; error: "ratelimit"; retryAfterSeconds: number; message: string };

/**
 * The password grant of a script app: the user's name and password, and the
 * user must be the app's owner (reddit: "script apps can only be used by
 * their developers"). Wrong credentials and a foreign user look alike. `scope` is the granted
 * scope string (core's grantedScope), stored on the session and checked on every request.
 */
export async function passwordGrant(svc: Svc, input: { client: OAuthClient; username: string; password: string; ip: string; scope: string }): Promise<PasswordGrantResult> {
  try {
    const user = await authenticate(svc, { name: input.username, password: input.password, ip: input.ip, field: "password" });
    if (user.id !== input.client.userId) return { ok: false, error: "invalid_grant" };
    const session = await createSession(svc.db, {
      userId: user.id,
      kind: "bearer",
      ttlMs: ACCESS_TOKEN_TTL_SECONDS * 1000,
      now: svc.now(),
      clientId: input.client.clientId,
      scope: input.scope,
    });
    return { ok: true, accessToken: session.token, scope: input.scope };
  } catch (err) {
    if (err instanceof RateLimitError) return { ok: false, error: "ratelimit", retryAfterSeconds: err.retryAfterSeconds, message: err.message };
    if (err instanceof ValidationError && err.code === "WRONG_PASSWORD") return { ok: false, error: "invalid_grant" };
    throw err;
  }
}
