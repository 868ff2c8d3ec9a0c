import { z } from "zod";
import {
  ConflictError,
  defaultLiveConfig,
  diffLiveConfig,
  parseLiveConfig,
  withLiveConfigValue,
  type LiveConfigChange,
  type LiveConfigDoc,
} from "@hivemind/core";
import { ConfigVersionNotFoundError } from "./errors.js";
import { parseVersionNodeName } from "./layout.js";
import { ZkException, zkErrorCode, type Coord, type TxOp } from "./zk.js";

/** One version of the live config, as stored in ZooKeeper (and in the disk copy). */
export interface ConfigVersion {
  /** 1, 2, 3… per root; 0 is the built-in defaults, never written. */
  version: number;
  author: string;
  /** ISO time the version was written. */
  at: string;
  note: string | undefined;
  config: LiveConfigDoc;
}

export interface WriteMeta {
  author: string;
  note?: string;
  /** Extra operations committed in the same transaction (a leader's fence, for example). */
  fence?: TxOp[];
}

const storedSchema = z.object({
  version: z.number().int().min(1),
  author: z.string(),
  at: z.string(),
  note: z.string().optional(),
  config: z.unknown(),
});

/** The defaults as version 0: what a process runs before anything was ever written. */
export function defaultsVersion(): ConfigVersion {
  return { version: 0, author: "defaults", at: new Date(0).toISOString(), note: "built-in defaults", config: defaultLiveConfig() };
}

/** Parse a stored version; the document is validated again (a hand-written znode is not trusted). */
export function decodeConfigVersion(data: Buffer | string | undefined): ConfigVersion {
  const raw = storedSchema.parse(JSON.parse(typeof data === "string" ? data : (data ?? Buffer.alloc(0)).toString("utf8")));
  return { version: raw.version, author: raw.author, at: raw.at, note: raw.note, config: parseLiveConfig(raw.config) };
}

function encode(v: ConfigVersion): Buffer {
  return Buffer.from(JSON.stringify({ version: v.version, author: v.author, at: v.at, note: v.note, config: v.config }));
}

/** The current version, or version 0 (the defaults) when none was ever written. */
export async function currentConfigVersion(coord: Coord): Promise<ConfigVersion> {
  const node = await coord.getData(coord.paths.config);
  if (!node?.data || node.data.length === 0) return defaultsVersion();
  return decodeConfigVersion(node.data);
}

/**
 * Validate `input` and write it as the next version. Nothing is written when it is invalid
 * (the ValidationError names the field). The history entry and the current node are written in
 * one transaction conditional on the current node's data version, so two concurrent writers
 * cannot both produce version N+1: the loser re-reads and retries.
 */
export async function writeLiveConfig(coord: Coord, input: unknown, meta: WriteMeta): Promise<ConfigVersion> {
  const config = parseLiveConfig(input);
  const p = coord.paths;
  await coord.mkdirp(p.configVersions);
  for (let attempt = 0; attempt < 10; attempt++) {
    const node = await coord.getData(p.config);
    if (!node) {
      await coord.mkdirp(p.configVersions); // removed under us
      continue;
    }
    const previous = node.data && node.data.length > 0 ? decodeConfigVersion(node.data).version : await highestVersion(coord);
    const next: ConfigVersion = { version: previous + 1, author: meta.author, at: new Date().toISOString(), note: meta.note, config };
    const data = encode(next);
    try {
      await coord.transaction([
        ...(meta.fence ?? []),
        { op: "create", path: p.configVersion(next.version), data },
        { op: "setData", path: p.config, data, version: node.stat.version },
      ]);
      return next;
    } catch (err) {
      const code = zkErrorCode(err);
      if (code !== ZkException.BAD_VERSION && code !== ZkException.NODE_EXISTS) throw err;
    }
  }
  throw new ConflictError("live config: too many concurrent writers; try again");
}

async function highestVersion(coord: Coord): Promise<number> {
  const names = (await coord.getChildren(coord.paths.configVersions)) ?? [];
  return Math.max(0, ...names.map((n) => parseVersionNodeName(n) ?? 0));
}

export type SetResult = { changed: true; version: ConfigVersion; changes: LiveConfigChange[] } | { changed: false; version: ConfigVersion };

/**
 * `ops config set KEY=VALUE…`: apply the assignments to the current document and write the
 * result as one new version (validated as a whole; nothing is written if any is invalid). When
 * nothing changes, no version is written.
 */
export async function setLiveConfigValues(coord: Coord, assignments: readonly { key: string; value: unknown }[], meta: WriteMeta): Promise<SetResult> {
  const current = await currentConfigVersion(coord);
  let next: Record<string, unknown> = current.config;
  for (const a of assignments) next = withLiveConfigValue(next, a.key, a.value);
  const parsed = parseLiveConfig(next);
  const changes = diffLiveConfig(current.config, parsed);
  if (changes.length === 0) return { changed: false, version: current };
  const note = meta.note ?? `set ${assignments.map((a) => a.key).join(", ")}`;
  const version = await writeLiveConfig(coord, parsed, { ...meta, note });
  return { changed: true, version, changes: diffLiveConfig(current.config, version.config) };
}

/** One version by number (0 is the defaults). */
export async function getConfigVersion(coord: Coord, version: number): Promise<ConfigVersion> {
  if (version === 0) return defaultsVersion();
  if (!Number.isInteger(version) || version < 0) throw new ConfigVersionNotFoundError(version);
  const node = await coord.getData(coord.paths.configVersion(version));
  if (!node?.data) throw new ConfigVersionNotFoundError(version);
  return decodeConfigVersion(node.data);
}

/** Every version, newest first (at most `limit`). */
export async function configHistory(coord: Coord, opts: { limit?: number } = {}): Promise<ConfigVersion[]> {
  const names = (await coord.getChildren(coord.paths.configVersions)) ?? [];
  const versions = names
    .map(parseVersionNodeName)
    .filter((v): v is number => v !== undefined)
    .sort((a, b) => b - a)
    .slice(0, opts.limit ?? 50);
  return Promise.all(versions.map((v) => getConfigVersion(coord, v)));
}

/** Leaf differences from version `a` to version `b`. */
export async function diffConfigVersions(coord: Coord, a: number, b: number): Promise<LiveConfigChange[]> {
  const [va, vb] = await Promise.all([getConfigVersion(coord, a), getConfigVersion(coord, b)]);
  return diffLiveConfig(va.config, vb.config);
}

/**
 * Roll back to `version`: a new version whose document equals that one's (history only grows,
 * so a rollback can itself be rolled back). Refused, writing nothing, if the old document no
 * longer passes today's schema.
 */
export async function rollbackLiveConfig(coord: Coord, version: number, meta: WriteMeta): Promise<ConfigVersion> {
  const target = await getConfigVersion(coord, version);
  return writeLiveConfig(coord, target.config, { ...meta, note: meta.note ?? `rollback to v${version}` });
}
