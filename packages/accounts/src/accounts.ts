import { inTransaction, Prisma, type User, type Deps } from "@hivemind/db";
import { NotFoundError, ValidationError, nameKey, type Viewer } from "@hivemind/core";
import { COOKIE_SESSION_TTL_MS } from "./sessions.js";
import { beginLoginAttempt } from "./login-limiter.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import type { ActionLimiter } from "./rate-limiter.js";
import { createSession, deleteOtherSessions, deleteSession, type NewSession } from "./sessions.js";

/** What the account functions need: the domain's Deps, the shared rate limiter, an optional password-check observer. */
export interface AccountServices extends Pick<Deps, "db" | "pool" | "ids" | "now"> {
  rateLimiter: ActionLimiter;
  /** Called once per argon2 run, a hash or a verification (tests count them; a metric could). */
  onArgon2?: ((op: "hash" | "verify") => void) | undefined;
}
type Svc = AccountServices;
type CreateSvc = Pick<Svc, "db" | "pool" | "ids" | "now" | "onArgon2">;

/** verifyPassword, reported to the observer. */
function checkPassword(svc: Pick<Svc, "onArgon2">, storedHash: string | null, password: string): Promise<boolean> {
  svc.onArgon2?.("verify");
  return verifyPassword(storedHash, password);
}

/** hashPassword, reported to the observer. */
function hashWith(svc: Pick<Svc, "onArgon2">, password: string): Promise<string> {
  svc.onArgon2?.("hash");
  return hashPassword(password);
}

/** Reddit's one message for both "no such user" and "wrong password". */
function wrongPassword(field: string): ValidationError {
  return new ValidationError("wrong password", { code: "WRONG_PASSWORD", field });
}

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

export function findUserByName(svc: Pick<Svc, "db">, name: string): Promise<User | null> {
  return svc.db.user.findUnique({ where: { nameLower: nameKey(name) } });
}

export async function isUsernameAvailable(svc: Pick<Svc, "db">, name: string): Promise<boolean> {
  return (await findUserByName(svc, name)) === null;
}

/**
 * Creates an account (and, for register, a browser session for it) in one transaction. The API
 * counts the attempt against the `register` limit of the address before calling this: before
 * the hash.
 */
async function insertAccount(
  svc: CreateSvc,
  input: { name: string; password: string; isAdmin?: boolean },
  withSession: boolean,
): Promise<{ user: User; session: NewSession | null }> {
  const passwordHash = await hashWith(svc, input.password);
  const now = svc.now();
  try {
    return await inTransaction(svc, async (tx) => {
      const taken = await tx.user.findUnique({ where: { nameLower: nameKey(input.name) }, select: { id: true } });
      if (taken) throw new ValidationError("that username is already taken", { code: "USERNAME_TAKEN", field: "user" });
      const user = await tx.user.create({
        data: { id: svc.ids.next(), name: input.name, nameLower: nameKey(input.name), passwordHash, isAdmin: input.isAdmin ?? false, createdAt: new Date(now), passwordChangedAt: new Date(now) },
      });
      const session = withSession ? await createSession(tx, { userId: user.id, kind: "cookie", ttlMs: COOKIE_SESSION_TTL_MS, now }) : null;
      return { user, session };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError("that username is already taken", { code: "USERNAME_TAKEN", field: "user" });
    throw err;
  }
}

/** Sign-up: a new account and a browser session for it. */
export async function registerAccount(svc: CreateSvc, input: { name: string; password: string }): Promise<{ user: User; session: NewSession }> {
  const { user, session } = await insertAccount(svc, input, true);
  return { user, session: session! };
}

/** An account made by an operator (`ops users create`), with no session. */
export async function createAccount(svc: CreateSvc, input: { name: string; password: string; isAdmin?: boolean }): Promise<User> {
  return (await insertAccount(svc, input, false)).user;
}

/**
 * Checks a name and password, rate-limited per account and per IP: the attempt is counted
 * before the check (a refused one runs no hash), a success clears the count. An unknown
 * name and a wrong password give the same error after the same work (a dummy
 * hash is verified), so neither the answer nor its timing reveals which names
 * exist. `field` names the password parameter in the error.
 */
export async function authenticate(svc: Svc, input: { name: string; password: string; ip: string; field?: string }): Promise<User> {
  const attempt = await beginLoginAttempt(svc.rateLimiter, input.name, input.ip);
  const user = await findUserByName(svc, input.name);
  const ok = await checkPassword(svc, user?.passwordHash ?? null, input.password);
  if (!user || !ok) throw wrongPassword(input.field ?? "passwd");
  await attempt.succeeded();
  return user;
}

/** Logs in: checks the password and opens a browser session. */
export async function logIn(svc: Svc, input: { name: string; password: string; ip: string }): Promise<{ user: User; session: NewSession }> {
  const user = await authenticate(svc, input);
  const session = await createSession(svc.db, { userId: user.id, kind: "cookie", ttlMs: COOKIE_SESSION_TTL_MS, now: svc.now() });
  return { user, session };
}

/** Ends one session (the caller's cookie or bearer token), by its id. */
export async function logOut(svc: Pick<Svc, "db">, sessionId: string): Promise<void> {
  await deleteSession(svc.db, sessionId);
}

/**
 * Changes the password after checking the current one (rate-limited like a
 * login), and ends every other session of the account, browser and token
 * alike, in the same transaction. The caller's session (keepSessionId) stays.
 */
export async function changePassword(svc: Svc, actor: Viewer, input: { current: string; next: string; ip: string; keepSessionId: string }): Promise<{ endedSessions: number }> {
  const attempt = await beginLoginAttempt(svc.rateLimiter, actor.name, input.ip);
  const user = await svc.db.user.findUnique({ where: { id: actor.userId } });
  if (!user) throw new NotFoundError("account not found", { code: "USER_DOESNT_EXIST" });
  if (!(await checkPassword(svc, user.passwordHash, input.current))) throw wrongPassword("curpass");
  await attempt.succeeded();
  const passwordHash = await hashWith(svc, input.next);
  return inTransaction(svc, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date(svc.now()) } });
    return { endedSessions: await deleteOtherSessions(tx, user.id, input.keepSessionId) };
  });
}

/** Whether the account moderates any community (reddit's is_mod). */
export async function moderatesAny(svc: Pick<Svc, "db">, userId: bigint): Promise<boolean> {
  return (await svc.db.moderator.count({ where: { userId }, take: 1 })) > 0;
}
