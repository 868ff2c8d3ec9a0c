import type { AppServices } from "../services.js";

/** What moderation domain functions need from the process services. */
export type ModDeps = Pick<AppServices, "db" | "ids" | "now">;
