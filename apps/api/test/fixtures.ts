import { createClient, newSessionToken, registerAccount, sessionIdOf } from "@hivemind/accounts";
import type { AppServices } from "../src/services.js";

/**
 * Creates a user with a bearer session directly in the database, for tests of
 * features other than sign-up itself. The password hash is a placeholder that
 * no password matches.
 */
export async function createUserWithToken(services: AppServices, name: string, opts: { isAdmin?: boolean } = {}) {
  const user = await services.db.user.create({
    data: { id: services.ids.next(), name, nameLower: name.toLowerCase(), passwordHash: "!test-fixture", isAdmin: opts.isAdmin ?? false },
  });
  const token = newSessionToken();
  await services.db.session.create({
    data: { id: sessionIdOf(token), userId: user.id, kind: "bearer", scope: "*", expiresAt: new Date(services.now() + 3_600_000) },
  });
  return { user, token };
}

/** An account with a password and a script app (as the prefs page makes one): what a PRAW script logs in with. */
export async function prawAccount(services: AppServices, name: string, password = `${name}-password`) {
  const { user, session } = await registerAccount(services, { name, password });
  const actor = { userId: user.id, name: user.name, isAdmin: false, via: "cookie" as const, sessionId: sessionIdOf(session.token) };
  const app = await createClient(services, actor, { name: `${name}'s script` });
  return { user, account: { name: user.name, password, clientId: app.clientId, secret: app.secret } };
}
