import { HivemindError, NotFoundError, type HivemindErrorOptions } from "@hivemind/core";

/** 503: ZooKeeper did not answer in time (down, or this process is cut off from it). */
export class CoordUnavailableError extends HivemindError {
  constructor(message: string, options: HivemindErrorOptions = {}) {
    super("SERVICE_UNAVAILABLE", message, 503, options);
    this.name = "CoordUnavailableError";
  }
}

/** 404: no such live-config version. */
export class ConfigVersionNotFoundError extends NotFoundError {
  constructor(version: number) {
    super(`live config: no version ${version}`, { field: "version" });
    this.name = "ConfigVersionNotFoundError";
  }
}

/** 404: a ring node id that is not registered. */
export class RingNodeNotFoundError extends NotFoundError {
  constructor(id: string, known: readonly string[]) {
    super(`ring: no node "${id}" (known: ${known.join(", ") || "none"})`, { field: "node" });
    this.name = "RingNodeNotFoundError";
  }
}
