import { createLogger } from "@hivemind/log";

export const log = createLogger("listings:read");
