import { createLogger } from "@hivemind/log";

export const zkLog = createLogger("coord:zk");
export const configLog = createLogger("coord:live-config");
export const electionLog = createLogger("coord:election");
export const ringLog = createLogger("coord:ring");
export const sentinelLog = createLogger("coord:sentinel");
