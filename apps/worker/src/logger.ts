import { createLogger } from "@hivemind/log";

export const relayLog = createLogger("worker:relay");
export const tallyLog = createLogger("worker:tally");
export const workerLog = createLogger("worker:main");
