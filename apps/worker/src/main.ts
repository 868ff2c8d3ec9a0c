import { AppCoordination } from "@hivemind/coord";
import { createWorker } from "./worker.js";
import { workerLog as log } from "./logger.js";

// The live config and this process's status file (<state>/processes/worker-<pid>.json: the
// worker's health report, which `ops health` reads; it serves no HTTP).
const coordination = await AppCoordination.start({ role: "worker" });
const worker = createWorker({ roles: ["relay", "tally", "sentinel", "listings", "comments", "scheduler"], coordination });
await worker.start();

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    worker
      .destroy()
      .then(() => coordination.destroy())
      .then(
        () => log.info("stopped"),
        (err: unknown) => log.error({ err }, "error while stopping"),
      );
  });
}
