export { Coord, connectCoord, CreateMode, ZkException, zkErrorCode, type CoordOptions, type CoordState, type TxOp, type Watcher } from "./zk.js";
export { layout, type Layout } from "./layout.js";
export { CoordUnavailableError, ConfigVersionNotFoundError, RingNodeNotFoundError } from "./errors.js";
export {
  currentConfigVersion,
  writeLiveConfig,
  setLiveConfigValues,
  getConfigVersion,
  configHistory,
  diffConfigVersions,
  rollbackLiveConfig,
  defaultsVersion,
  decodeConfigVersion,
  type ConfigVersion,
  type WriteMeta,
  type SetResult,
} from "./config-store.js";
export { LiveConfig, type LiveConfigOptions, type LiveConfigSource, type LiveConfigStatus, type LiveConfigChangeInfo, type LiveConfigListener } from "./live-config.js";
export { elect, type Election, type ElectionOptions, type LeaderTerm } from "./election.js";
export {
  RingMembership,
  registerRingNodes,
  readRing,
  ejectNode,
  restoreNode,
  type RingNode,
  type Ejection,
  type RingSnapshot,
  type RingListener,
  type EjectOptions,
  type RestoreOptions,
} from "./ring.js";
export { ioredisProbe, type RedisProbe } from "./redis-probe.js";
export { startSentinel, type Sentinel, type SentinelOptions } from "./sentinel.js";
export { staticLiveConfig, type LiveConfigView } from "./live-config-view.js";
export { bindRing, type RingMembersTarget } from "./bind-ring.js";
export { AppCoordination, type AppCoordinationOptions, type AppHealth } from "./app-process.js";
export { APP_ROLES, liveConfigStatusSchema, processStatusDir, processStatusSchema, readProcessStatuses, writeProcessStatus, removeProcessStatus, type AppRole, type ProcessStatus } from "./process-status.js";
