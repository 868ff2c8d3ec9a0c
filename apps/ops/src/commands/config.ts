import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { ValidationError, diffLiveConfig, fromZodError, liveConfigValueAt, parseLiveConfigAssignment, type LiveConfigChange } from "@hivemind/core";
import {
  configHistory,
  currentConfigVersion,
  diffConfigVersions,
  rollbackLiveConfig,
  setLiveConfigValues,
  writeLiveConfig,
  type ConfigVersion,
} from "@hivemind/coord";
import { cell, defaultAuthor, fail, formatTable, printJson, withCoord } from "./output.js";

const versionArg = z.coerce.number({ error: "a version number" }).int("a version number").min(0, "a version number");

function parseVersion(raw: string, field: string): number {
  const r = versionArg.safeParse(raw);
  if (!r.success) throw fromZodError(r.error, field);
  return r.data;
}

const writeOptions = z.object({
  author: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().max(500).optional(),
  json: z.boolean().default(false),
});

/** The options of every command that writes a version. */
function versionWriter(c: Command): Command {
  return c
    .option("--author <who>", "recorded with the version (default user@host)")
    .option("--note <text>", "recorded with the version")
    .option("--json", "machine-readable output");
}

function versionLine(v: ConfigVersion): string {
  return v.version === 0 ? "v0 (built-in defaults; nothing written yet)" : `v${v.version} by ${v.author} at ${v.at}${v.note ? ` (${v.note})` : ""}`;
}

function changesTable(changes: readonly LiveConfigChange[], from = "from", to = "to"): string {
  if (changes.length === 0) return "no differences";
  return formatTable(
    ["key", from, to],
    changes.map((c) => [c.key, cell(c.from), cell(c.to)]),
  );
}

function written(v: ConfigVersion) {
  return { version: v.version, author: v.author, at: v.at, note: v.note ?? null };
}

/** The user's editor for `ops config edit` (their terminal preference, not service config). */
function editorCommand(): string {
  return process.env["VISUAL"] || process.env["EDITOR"] || "vi";
}

function readDocument(file: string): unknown {
  const text = file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ValidationError(`${file === "-" ? "stdin" : file} is not JSON: ${(err as Error).message}`, { field: "file" });
  }
}

/** `ops config get|set|edit|history|diff|rollback`: the live config in ZooKeeper (see packages/coord). */
export function registerConfigCommands(program: Command): void {
  const cmd = program.command("config").description("live config pushed to every process through ZooKeeper");

  cmd
    .command("get [key]")
    .description("print the current document, or one value by dotted key (readOnly.enabled)")
    .option("--json", "machine-readable output")
    .action(async (key: string | undefined, raw: { json?: boolean }) => {
      const json = raw.json ?? false;
      try {
        const v = await withCoord(currentConfigVersion);
        const value = key === undefined ? v.config : liveConfigValueAt(v.config, key);
        if (value === undefined) throw new ValidationError(`live config: ${key}: unknown field`, { field: key });
        if (json) printJson({ ...written(v), key: key ?? null, value });
        else process.stdout.write(`${versionLine(v)}\n${JSON.stringify(value, null, 2)}\n`);
      } catch (err) {
        fail("config get", err, json);
      }
    });

  versionWriter(cmd.command("set <assignments...>"))
    .description("set values (KEY=VALUE; VALUE is JSON or a plain string) as one new version, validated first")
    .action(async (assignments: string[], raw: unknown) => {
      const opts = writeOptions.parse(raw);
      try {
        const parsed = assignments.map(parseLiveConfigAssignment);
        const result = await withCoord((coord) =>
          setLiveConfigValues(coord, parsed, { author: opts.author ?? defaultAuthor(), ...(opts.note ? { note: opts.note } : {}) }),
        );
        if (opts.json) printJson({ changed: result.changed, ...written(result.version), changes: result.changed ? result.changes : [] });
        else if (!result.changed) process.stdout.write(`unchanged: still ${versionLine(result.version)}\n`);
        else process.stdout.write(`wrote ${versionLine(result.version)}\n${changesTable(result.changes)}\n`);
      } catch (err) {
        fail("config set", err, opts.json);
      }
    });

  versionWriter(cmd.command("edit"))
    .description("edit the whole document in $EDITOR (or write one from --file, '-' for stdin); validated before it is written")
    .option("--file <path>", "read the new document from a file instead of opening an editor")
    .action(async (raw: { file?: string } & Record<string, unknown>) => {
      const opts = writeOptions.parse({ author: raw["author"], note: raw["note"], json: raw["json"] });
      try {
        await withCoord(async (coord) => {
          const current = await currentConfigVersion(coord);
          let doc: unknown;
          if (raw.file) doc = readDocument(raw.file);
          else {
            const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hivemind-config-")), `live-config-v${current.version}.json`);
            fs.writeFileSync(tmp, `${JSON.stringify(current.config, null, 2)}\n`);
            const ran = spawnSync(editorCommand(), [tmp], { stdio: "inherit", shell: true });
            if (ran.status !== 0) throw new Error(`editor exited with ${ran.status ?? ran.signal}; nothing written`);
            doc = readDocument(tmp);
          }
          const next = await writeLiveConfig(coord, doc, { author: opts.author ?? defaultAuthor(), note: opts.note ?? "edit" });
          const changes = diffLiveConfig(current.config, next.config);
          if (opts.json) printJson({ changed: true, ...written(next), changes });
          else process.stdout.write(`wrote ${versionLine(next)}\n${changesTable(changes)}\n`);
        });
      } catch (err) {
        fail("config edit", err, opts.json);
      }
    });

  cmd
    .command("history")
    .description("every version, newest first, with author and time")
    .option("--limit <n>", "at most this many", "50")
    .option("--json", "machine-readable output")
    .action(async (raw: { limit: string; json?: boolean }) => {
      const json = raw.json ?? false;
      try {
        const limit = z.coerce.number().int().min(1).max(10_000).parse(raw.limit);
        const versions = await withCoord((coord) => configHistory(coord, { limit }));
        if (json) printJson(versions.map(written));
        else if (versions.length === 0) process.stdout.write("no versions written yet (processes run on the built-in defaults, v0)\n");
        else process.stdout.write(`${formatTable(["version", "at", "author", "note"], versions.map((v) => [`v${v.version}`, v.at, v.author, v.note ?? ""]))}\n`);
      } catch (err) {
        fail("config history", err, json);
      }
    });

  cmd
    .command("diff <a> <b>")
    .description("what changed from version A to version B (0 is the built-in defaults)")
    .option("--json", "machine-readable output")
    .action(async (a: string, b: string, raw: { json?: boolean }) => {
      const json = raw.json ?? false;
      try {
        const va = parseVersion(a, "a");
        const vb = parseVersion(b, "b");
        const changes = await withCoord((coord) => diffConfigVersions(coord, va, vb));
        if (json) printJson({ from: va, to: vb, changes });
        else process.stdout.write(`${changesTable(changes, `v${va}`, `v${vb}`)}\n`);
      } catch (err) {
        fail("config diff", err, json);
      }
    });

  versionWriter(cmd.command("rollback <version>"))
    .description("write a new version whose document equals VERSION's (the note defaults to: rollback to vN)")
    .action(async (version: string, raw: unknown) => {
      const opts = writeOptions.parse(raw);
      try {
        const target = parseVersion(version, "version");
        const { before, after } = await withCoord(async (coord) => {
          const before = await currentConfigVersion(coord);
          const after = await rollbackLiveConfig(coord, target, { author: opts.author ?? defaultAuthor(), ...(opts.note ? { note: opts.note } : {}) });
          return { before, after };
        });
        const changes = diffLiveConfig(before.config, after.config);
        if (opts.json) printJson({ ...written(after), rolledBackTo: target, changes });
        else process.stdout.write(`wrote ${versionLine(after)}\n${changesTable(changes)}\n`);
      } catch (err) {
        fail("config rollback", err, opts.json);
      }
    });
}
