import { inTransaction, Prisma, type User, type Deps } from "@hivemind/db";
import { NotFoundError, ValidationError, nameKey, type Viewer } from "@hivemind/core";
import { COOKIE_SESSION_TTL_MS } from "./sessions.js";
import { loginLimiter } from "./login-limiter.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { createSession, deleteOtherSessions, deleteSession, type NewSession } from "./sessions.js";

type Svc = Pick<Deps, "db" | "pool" | "ids" | "now">;

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

/** Creates an account and a browser session for it, in one transaction. */
export async function registerAccount(svc: Svc, input: { name: string; password: string }): Promise<{ user: User; session: NewSession }> {
  const passwordHash = await hashPassword(input.password);
  const now = svc.now();
  try {
    return await inTransaction(svc, async (tx) => {
      const taken = await tx.user.findUnique({ where: { nameLower: nameKey(input.name) }, select: { id: true } });
      if (taken) throw new ValidationError("that username is already taken", { code: "USERNAME_TAKEN", field: "user" });
      const user = await tx.user.create({
        data: { id: svc.ids.next(), name: input.name, nameLower: nameKey(input.name), passwordHash, createdAt: new Date(now), passwordChangedAt: new Date(now) },
      });
      const session = await createSession(tx, { userId: user.id, kind: "cookie", ttlMs: COOKIE_SESSION_TTL_MS, now });
      return { user, session };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError("that username is already taken", { code: "USERNAME_TAKEN", field: "user" });
    throw err;
  }
}

/**
 * Checks a name and password, rate-limited per account and per IP. An unknown
 * name and a wrong password give the same error after the same work (a dummy
 * hash is verified), so neither the answer nor its timing reveals which names
 * exist. `field` names the password parameter in the error.
 */
export async function authenticate(svc: Svc, input: { name: string; password: string; ip: string; field?: string }): Promise<User> {
  const limiter = loginLimiter(svc.pool);
  await limiter.check(input.name, input.ip);
  const user = await findUserByName(svc, input.name);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok) {
    await limiter.fail(input.name, input.ip);
    throw wrongPassword(input.field ?? "passwd");
  }
  await limiter.succeed(input.name);
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
  const limiter = loginLimiter(svc.pool);
  await limiter.check(actor.name, input.ip);
  const user = await svc.db.user.findUnique({ where: { id: actor.userId } });
  if (!user) throw new NotFoundError("account not found", { code: "USER_DOESNT_EXIST" });
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    await limiter.fail(actor.name, input.ip);
    throw wrongPassword("curpass");
  }
  const passwordHash = await hashPassword(input.next);
  return inTransaction(svc, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date(svc.now()) } });
    return { endedSessions: await deleteOtherSessions(tx, user.id, input.keepSessionId) };
  });
}

/** Whether the account moderates any community (reddit's is_mod). */
export async function moderatesAny(svc: Pick<Svc, "db">, userId: bigint): Promise<boolean> {
  return (await svc.db.moderator.count({ where: { userId }, take: 1 })) > 0;
}
