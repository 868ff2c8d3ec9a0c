import { createLogger } from "@hivemind/log";

export const pagesLog = createLogger("web:pages");
