export { createWorker, type Worker, type WorkerOptions } from "./worker.js";
export { createOutboxRelay, type OutboxRelay, type RelayOptions } from "./relay.js";
export { createTally, TALLY_GROUP } from "./tally.js";
