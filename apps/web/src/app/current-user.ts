import { cookies } from "next/headers";
import type { User } from "@hivemind/db";
import { userForSessionToken } from "../server/auth/session-user";
import { SESSION_COOKIE } from "../server/auth/tokens";
import { appServices } from "../server/services";

/** The logged-in account of the page request, or null. */
export async function currentUser(): Promise<User | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return userForSessionToken(await appServices(), token);
}
