import { performance } from "node:perf_hooks";
import type { Command } from "commander";
import { z } from "zod";
import { fromZodError } from "@hivemind/core";
import { ejectNode, ioredisProbe, readRing, registerRingNodes, restoreNode, type RingSnapshot } from "@hivemind/coord";
import { defaultAuthor, fail, formatTable, printJson, withCoord } from "./output.js";

const nodeArg = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "a ring node id such as redis-1");

function parseNode(raw: string): string {
  const r = nodeArg.safeParse(raw);
  if (!r.success) throw fromZodError(r.error, "node");
  return r.data;
}

interface StatusRow {
  id: string;
  url: string;
  state: "live" | "ejected";
  ping: string;
  ejectedAt: string | null;
  by: string | null;
  manual: boolean | null;
  reason: string | null;
}

async function statusRows(ring: RingSnapshot): Promise<StatusRow[]> {
  const probe = ioredisProbe();
  try {
    const ejections = new Map(ring.ejections.map((e) => [e.id, e]));
    return await Promise.all(
      ring.nodes.map(async (n): Promise<StatusRow> => {
        const started = performance.now();
        const ping = await probe.ping(n, 1000).then(
          () => `ok ${(performance.now() - started).toFixed(1)} ms`,
          (err: unknown) => `FAIL ${err instanceof Error ? err.message : String(err)}`,
        );
        const e = ejections.get(n.id);
        return { id: n.id, url: n.url, state: e ? "ejected" : "live", ping, ejectedAt: e?.at ?? null, by: e?.by ?? null, manual: e?.manual ?? null, reason: e?.reason ?? null };
      }),
    );
  } finally {
    await probe.close();
  }
}

/**
 * `ops ring status|eject|restore`: the cache ring's membership in ZooKeeper. The nodes of this
 * environment's config are registered first (idempotent), so the commands work before any
 * sentinel has run.
 */
export function registerRingCommands(program: Command): void {
  const cmd = program.command("ring").description("the Redis cache ring: membership and ejections (ZooKeeper)");

  cmd
    .command("status")
    .description("every registered node: live or ejected (since when, by whom, why), and whether it answers PING now")
    .option("--json", "machine-readable output")
    .action(async (raw: { json?: boolean }) => {
      const json = raw.json ?? false;
      try {
        const ring = await withCoord(async (coord) => {
          await registerRingNodes(coord);
          return readRing(coord);
        });
        const rows = await statusRows(ring);
        if (json) printJson({ live: ring.live, nodes: rows });
        else
          process.stdout.write(
            `${formatTable(
              ["node", "address", "state", "ping", "ejected at", "by", "reason"],
              rows.map((r) => [r.id, r.url, r.state, r.ping, r.ejectedAt ?? "", r.by ? `${r.by}${r.manual ? " (manual)" : ""}` : "", r.reason ?? ""]),
            )}\n${ring.live.length}/${ring.nodes.length} nodes live\n`,
          );
      } catch (err) {
        fail("ring status", err, json);
      }
    });

  cmd
    .command("eject <node>")
    .description("take a node out of the ring by hand (clients stop using it at once; it stays out until restored)")
    .option("--reason <text>", "recorded with the ejection", "ejected by hand")
    .option("--author <who>", "recorded with the ejection (default user@host)")
    .option("--json", "machine-readable output")
    .action(async (node: string, raw: { reason: string; author?: string; json?: boolean }) => {
      const json = raw.json ?? false;
      try {
        const id = parseNode(node);
        const created = await withCoord(async (coord) => {
          await registerRingNodes(coord);
          return ejectNode(coord, id, { reason: raw.reason, by: `ops:${raw.author ?? defaultAuthor()}`, manual: true });
        });
        if (json) printJson({ node: id, ejected: true, alreadyEjected: !created });
        else process.stdout.write(created ? `ejected ${id}\n` : `${id} was already ejected; it is now a manual ejection (no automatic re-admission)\n`);
      } catch (err) {
        fail("ring eject", err, json);
      }
    });

  cmd
    .command("restore <node>")
    .description("flush a node (FLUSHALL) and re-admit it to the ring")
    .option("--json", "machine-readable output")
    .action(async (node: string, raw: { json?: boolean }) => {
      const json = raw.json ?? false;
      const probe = ioredisProbe();
      try {
        const id = parseNode(node);
        const restored = await withCoord(async (coord) => {
          await registerRingNodes(coord);
          return restoreNode(coord, id, { flush: (n) => probe.flushAll(n, 5_000) });
        });
        if (json) printJson({ node: id, restored, wasEjected: restored });
        else process.stdout.write(restored ? `flushed and re-admitted ${id}\n` : `${id} was not ejected; nothing done\n`);
      } catch (err) {
        fail("ring restore", err, json);
      } finally {
        await probe.close();
      }
    });
}
