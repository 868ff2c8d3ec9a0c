import { cookies } from "next/headers";
import { cache } from "react";
import type { Viewer } from "@hivemind/core";
import { userForSessionToken, SESSION_COOKIE, type SessionUser } from "@hivemind/accounts";
import { appServices } from "../server/services";

/** The logged-in account of the page request, or null (one lookup per request: layout and page share it). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return userForSessionToken(await appServices(), token);
});

/** The page's viewer as the domain functions take it, or null when anonymous. */
export const currentActor = cache(async (): Promise<Viewer | null> => {
  const user = await currentUser();
  return user ? { userId: user.id, name: user.name, isAdmin: user.isAdmin } : null;
});
