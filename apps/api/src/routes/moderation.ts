import { moderationListRoutes } from "./moderation-lists.js";
import { relationshipRoutes } from "./moderation-relationships.js";
import { thingModerationRoutes } from "./moderation-things.js";

/** Every moderation endpoint: thing actions, bans and moderators, and the /about/ lists. */
export const moderationRoutes = [...thingModerationRoutes, ...relationshipRoutes, ...moderationListRoutes];
