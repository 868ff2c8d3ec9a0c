import type { Route } from "../http/route.js";
import { moderationRoutes } from "./moderation.js";

/** Every API route; each area exports its own array from its own file. */
export const allRoutes: Route[] = [...moderationRoutes];
