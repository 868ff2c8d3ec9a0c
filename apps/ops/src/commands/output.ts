import os from "node:os";
import { isHivemindError } from "@hivemind/core";
import { connectCoord, type Coord } from "@hivemind/coord";

/** A plain-text table: a header row, a rule, then rows; columns padded to their widest cell. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** A value as one table cell: JSON, except that a missing value is shown as "(absent)". */
export function cell(value: unknown): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}

/** Who made a change: the OS user at this host. */
export function defaultAuthor(): string {
  return `${os.userInfo().username}@${os.hostname()}`;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Report a failed command: on stderr (or as `{"error": …}` on stdout with --json), exit code 2
 * for refused input (a 4xx HivemindError) and 1 for anything else.
 */
export function fail(command: string, err: unknown, json: boolean): void {
  const known = isHivemindError(err);
  process.exitCode = known && err.status < 500 ? 2 : 1;
  const message = err instanceof Error ? err.message : String(err);
  if (json) printJson({ error: { code: known ? err.code : "INTERNAL_ERROR", field: known ? (err.field ?? null) : null, message } });
  else process.stderr.write(`${command}: ${message}\n`);
}

/** Run `fn` with a connected Coord (refusing after 5 s when ZooKeeper is unreachable), closing it after. */
export async function withCoord<T>(fn: (coord: Coord) => Promise<T>): Promise<T> {
  const { coord, connected } = await connectCoord({ waitMs: 5_000, sessionTimeoutMs: 10_000 });
  try {
    if (!connected) throw new Error(`zookeeper unreachable at ${coord.connectString}`);
    return await fn(coord);
  } finally {
    await coord.destroy();
  }
}
