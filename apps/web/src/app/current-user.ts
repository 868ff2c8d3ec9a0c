import { cookies } from "next/headers";
import { cache } from "react";
import type { User } from "@hivemind/db";
import type { Actor } from "../server/auth/actor";
import { userForSessionToken } from "../server/auth/session-user";
import { SESSION_COOKIE, sessionIdOf } from "../server/auth/tokens";
import { appServices } from "../server/services";

/** The logged-in account of the page request, or null (one lookup per request: layout and page share it). */
export const currentUser = cache(async (): Promise<User | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return userForSessionToken(await appServices(), token);
});

/** The page's viewer as the domain functions take it, or null when anonymous. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const user = await currentUser();
  if (!user) return null;
  const token = (await cookies()).get(SESSION_COOKIE)?.value ?? "";
  return { userId: user.id, name: user.name, isAdmin: user.isAdmin, via: "cookie", sessionId: sessionIdOf(token) };
});
