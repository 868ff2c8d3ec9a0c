import { createWorker } from "./worker.js";
import { workerLog as log } from "./logger.js";

const worker = createWorker({ roles: ["relay", "tally", "sentinel", "listings", "comments", "scheduler"] });
await worker.start();

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    worker.destroy().then(
      () => log.info("stopped"),
      (err: unknown) => log.error({ err }, "error while stopping"),
    );
  });
}
