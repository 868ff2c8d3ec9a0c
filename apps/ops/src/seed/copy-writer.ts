import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { SEED_TABLES, SEED_TABLE_NAMES, type SeedTable } from "./tables.js";

/** A value in a COPY row: null is NULL, a number is ms since the epoch only when wrapped with `timestamp()`. */
export type CopyValue = string | number | bigint | boolean | null | Timestamp;

/** A point in time, written as ISO 8601. */
export class Timestamp {
  constructor(readonly ms: number) {}
}
export function timestamp(ms: number): Timestamp {
  return new Timestamp(ms);
}

const CHUNK_CHARS = 64 * 1024;

/** COPY text format escaping: backslash, tab, newline and carriage return. */
function escapeText(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : s;
}

function encode(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "string") return escapeText(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Timestamp) return new Date(value.ms).toISOString();
  return String(value);
}

/** Rows of one table in COPY text format, kept as ~64 KB chunks. */
class TableRows {
  readonly chunks: string[] = [];
  private current = "";
  rows = 0;
  chars = 0;

  add(values: readonly CopyValue[]): void {
    let line = encode(values[0] ?? null);
    for (let i = 1; i < values.length; i++) line += `\t${encode(values[i] ?? null)}`;
    line += "\n";
    this.current += line;
    this.chars += line.length;
    this.rows++;
    if (this.current.length >= CHUNK_CHARS) {
      this.chunks.push(this.current);
      this.current = "";
    }
  }

  take(): string[] {
    if (this.current.length > 0) this.chunks.push(this.current);
    this.current = "";
    return this.chunks;
  }
}

/** Rows of every table waiting to be written together. */
export class RowBatch {
  private readonly tables = new Map<SeedTable, TableRows>();

  add(table: SeedTable, values: readonly CopyValue[]): void {
    if (values.length !== SEED_TABLES[table].length) {
      throw new Error(`${table}: ${values.length} values for ${SEED_TABLES[table].length} columns`);
    }
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = new TableRows()));
    rows.add(values);
  }

  get chars(): number {
    let sum = 0;
    for (const rows of this.tables.values()) sum += rows.chars;
    return sum;
  }

  /** Tables with rows, in foreign-key order. */
  entries(): { table: SeedTable; rows: number; chunks: string[] }[] {
    return SEED_TABLE_NAMES.flatMap((table) => {
      const rows = this.tables.get(table);
      return rows && rows.rows > 0 ? [{ table, rows: rows.rows, chunks: rows.take() }] : [];
    });
  }
}

/**
 * Writes batches with COPY FROM STDIN on one connection (inside the seeding
 * transaction), one table after another in foreign-key order. `write()` starts
 * a batch and returns at once, so the caller generates the next batch while
 * Postgres ingests this one; at most one batch is in flight, which bounds
 * memory to two batches.
 */
export class CopyWriter {
  private inFlight: Promise<void> = Promise.resolve();
  private failure: unknown;
  readonly rowsWritten = new Map<SeedTable, number>();
  /** Seconds spent in COPY per table (Postgres time, overlapping generation). */
  readonly copySeconds = new Map<SeedTable, number>();

  constructor(private readonly client: pg.PoolClient) {}

  /** Waits for the previous batch, then starts writing this one in the background. */
  async write(batch: RowBatch): Promise<void> {
    await this.inFlight;
    this.throwIfFailed();
    this.inFlight = this.copyBatch(batch).catch((err: unknown) => {
      this.failure = err;
    });
  }

  /** Waits until everything written so far is in the database. */
  async drain(): Promise<void> {
    await this.inFlight;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private async copyBatch(batch: RowBatch): Promise<void> {
    for (const { table, rows, chunks } of batch.entries()) {
      const sql = `COPY ${table} (${SEED_TABLES[table].join(", ")}) FROM STDIN`;
      const started = performance.now();
      await pipeline(Readable.from(chunks), this.client.query(copyFrom(sql)));
      this.rowsWritten.set(table, (this.rowsWritten.get(table) ?? 0) + rows);
      this.copySeconds.set(table, (this.copySeconds.get(table) ?? 0) + (performance.now() - started) / 1000);
    }
  }
}

/**
 * Where generators put rows: a batch that is handed to the writer once it
 * holds about `batchChars` of COPY text. Generators call `maybeFlush()` between
 * things (a post with its thread, a user), never in the middle of one.
 */
export class RowSink {
  private batch = new RowBatch();

  constructor(
    private readonly writer: CopyWriter,
    private readonly batchChars: number,
  ) {}

  add(table: SeedTable, values: readonly CopyValue[]): void {
    this.batch.add(table, values);
  }

  async maybeFlush(): Promise<void> {
    if (this.batch.chars >= this.batchChars) await this.flush();
  }

  async flush(): Promise<void> {
    const full = this.batch;
    this.batch = new RowBatch();
    await this.writer.write(full);
  }

  /** Writes what is buffered and waits until it is all in the database. */
  async drain(): Promise<void> {
    await this.flush();
    await this.writer.drain();
  }
}

/** Lets pending socket writes (the COPY in flight) progress during a long synchronous generation. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
