import type { Route } from "../http/route.js";
import { accountRoutes } from "./accounts.js";
import { communityRoutes } from "./communities.js";
import { healthRoutes } from "./health.js";
import { moderationRoutes } from "./moderation.js";
import { oauthRoutes } from "./oauth.js";
import { openApiRoutes } from "./openapi.js";
import { postRoutes } from "./posts.js";
import { commentRoutes } from "./comments.js";
import { thingRoutes } from "./things.js";
import { voteRoutes } from "./votes.js";
import { saveRoutes } from "./saves.js";
import { reportRoutes } from "./reports.js";
import { listingRoutes } from "./listings.js";
import { messageRoutes } from "./messages.js";
import { blockRoutes } from "./blocks.js";

/** Every API route; each area exports its own array from its own file. */
export const allRoutes: Route[] = [
  ...accountRoutes,
  ...oauthRoutes,
  ...communityRoutes,
  ...moderationRoutes,
  ...postRoutes,
  ...commentRoutes,
  ...thingRoutes,
  ...voteRoutes,
  ...saveRoutes,
  ...reportRoutes,
  ...listingRoutes,
  ...messageRoutes,
  ...blockRoutes,
  ...healthRoutes,
  // Keep last: documents the whole table above.
  ...openApiRoutes(() => allRoutes),
];
