import { defaultLiveConfig, type LiveConfigDoc } from "@hivemind/core";
import type { LiveConfigStatus } from "./live-config.js";

/**
 * What request handlers need of the live config: the document in force and its status. A
 * LiveConfig is one; `staticLiveConfig()` is one that never changes (tests and tools that run
 * without ZooKeeper).
 */
export interface LiveConfigView {
  current(): LiveConfigDoc;
  status(): LiveConfigStatus;
}

/** A fixed document (default: every field at its default), reported as version 0, source "defaults". */
export function staticLiveConfig(doc: LiveConfigDoc = defaultLiveConfig()): LiveConfigView {
  const at = new Date().toISOString();
  return {
    current: () => doc,
    status: () => ({ version: 0, source: "defaults", connected: false, author: "defaults", at, appliedAt: at }),
  };
}
