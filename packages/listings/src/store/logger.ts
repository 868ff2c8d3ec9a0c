import { createLogger } from "@hivemind/log";

export const storeLog = createLogger("listings:store");
