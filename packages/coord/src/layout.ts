/**
 * The ZooKeeper layout, all under one root (`/hivemind/<env>` by default, so a test run and the
 * dev site never see each other's nodes):
 *
 *   <root>/config                      the current live-config version: {version, author, at, note, config}
 *   <root>/config/versions/v0000000042 every version ever written, same shape (never changed)
 *   <root>/election/<job>/n_0000000007 candidates for a singleton job (ephemeral sequential)
 *   <root>/ring/nodes/<id>             a registered Redis node: {host, port, url}
 *   <root>/ring/ejections/<id>         present while the node is ejected: {reason, at, by, manual}
 *
 * The current document and its history entry are written in one multi-op transaction, fenced
 * on the config node's ZooKeeper data version, so concurrent writers cannot both claim v+1.
 */
export interface Layout {
  root: string;
  config: string;
  configVersions: string;
  configVersion(version: number): string;
  election(job: string): string;
  ringNodes: string;
  ringNode(id: string): string;
  ringEjections: string;
  ringEjection(id: string): string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function checkName(kind: string, name: string): string {
  if (!NAME.test(name)) throw new Error(`${kind} "${name}" must match ${NAME.source}`);
  return name;
}

export function versionNodeName(version: number): string {
  return `v${String(version).padStart(10, "0")}`;
}

export function parseVersionNodeName(name: string): number | undefined {
  const m = /^v(\d{10})$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

export function layout(root: string): Layout {
  if (!/^(\/[A-Za-z0-9_.-]+)+$/.test(root)) throw new Error(`zookeeper root "${root}" must be an absolute path like /hivemind/dev`);
  return {
    root,
    config: `${root}/config`,
    configVersions: `${root}/config/versions`,
    configVersion: (v) => `${root}/config/versions/${versionNodeName(v)}`,
    election: (job) => `${root}/election/${checkName("job", job)}`,
    ringNodes: `${root}/ring/nodes`,
    ringNode: (id) => `${root}/ring/nodes/${checkName("node id", id)}`,
    ringEjections: `${root}/ring/ejections`,
    ringEjection: (id) => `${root}/ring/ejections/${checkName("node id", id)}`,
  };
}
