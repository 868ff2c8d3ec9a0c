/**
 * Describes a schema two ways, as comparable lines: from schema.prisma (through
 * Prisma's own DMMF parser) and from a migrated database's catalog. The
 * schema-agreement test diffs the two.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getDMMF } from "@prisma/get-dmmf";
import type pg from "pg";

export const schemaPath = fileURLToPath(new URL("../../../prisma/schema.prisma", import.meta.url));

/**
 * Indexes the migrations create that Prisma cannot express (partial and expression indexes).
 * Anything else in the database must appear in schema.prisma, and vice versa.
 */
export const SQL_ONLY_INDEXES = new Set(["inbox_items_unread_idx", "posts_community_sticky_idx", "posts_search_idx", "reports_community_unresolved_idx", "reports_one_open_per_reporter_idx"]);

/** Tables that are not the app's: node-pg-migrate's bookkeeping. */
export const NON_MODEL_TABLES = new Set(["pgmigrations"]);

export interface SchemaDescription {
  tables: string[];
  /** "table.column type NULL|NOT NULL default=…" */
  columns: string[];
  /** "table id|unique|normal (col, col DESC)" */
  indexes: string[];
  /** "table (cols) -> ref(cols) on delete X on update Y" */
  foreignKeys: string[];
}

// ---- schema.prisma --------------------------------------------------------

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
  isUpdatedAt?: boolean;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
}

function postgresType(f: DmmfField, where: string): string {
  const [native, args = []] = f.nativeType ?? [undefined, []];
  const scalar: Record<string, string> = {
    String: "text",
    BigInt: "bigint",
    Int: "integer",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
    Float: "double precision",
    Decimal: "numeric(65,30)",
    Bytes: "bytea",
  };
  let type: string | undefined;
  if (native === undefined) type = scalar[f.type];
  else {
    const n: Record<string, string> = {
      Text: "text",
      Uuid: "uuid",
      SmallInt: "smallint",
      Integer: "integer",
      BigInt: "bigint",
      Boolean: "boolean",
      JsonB: "jsonb",
      Json: "json",
      DoublePrecision: "double precision",
      Real: "real",
    };
    if (native === "Timestamptz") type = `timestamp(${args[0] ?? 6}) with time zone`;
    else if (native === "Timestamp") type = `timestamp(${args[0] ?? 6}) without time zone`;
    else if (native === "VarChar") type = args[0] ? `character varying(${args[0]})` : "character varying";
    else if (native === "Char") type = `character(${args[0] ?? 1})`;
    else if (native === "Decimal") type = `numeric(${args.join(",")})`;
    else type = n[native];
  }
  if (!type) throw new Error(`${where}: no Postgres type known for ${f.type} ${native ?? ""}`);
  return f.isList ? `${type}[]` : type;
}

function prismaDefault(f: DmmfField): string {
  if (!f.hasDefaultValue) return "none";
  const d = f.default as { name?: string; args?: unknown[] } | string | number | boolean | undefined;
  if (typeof d === "object" && d !== null && "name" in d) {
    if (d.name === "now") return "now()";
    if (d.name === "autoincrement") return "autoincrement";
    // dbgenerated("expr"): the database computes it; compared as the expression Postgres stores.
    if (d.name === "dbgenerated" && typeof d.args?.[0] === "string") return `sql:${d.args[0]}`;
    return `${d.name}()`;
  }
  return JSON.stringify(d);
}

export function describePrismaSchema(datamodel: string = readFileSync(schemaPath, "utf8")): SchemaDescription {
  const result = getDMMF({ datamodel });
  if ("type" in result) throw new Error(`schema.prisma does not parse: ${result.reason}`);
  const models = result.datamodel.models as unknown as DmmfModel[];
  const indexes = result.datamodel.indexes as unknown as DmmfIndex[];
  const byName = new Map(models.map((m) => [m.name, m]));
  const table = (m: DmmfModel) => m.dbName ?? m.name;
  const column = (m: DmmfModel, field: string) => {
    const f = m.fields.find((x) => x.name === field);
    if (!f) throw new Error(`${m.name}.${field} not found`);
    return f.dbName ?? f.name;
  };

  const desc: SchemaDescription = { tables: [], columns: [], indexes: [], foreignKeys: [] };
  for (const m of models) {
    desc.tables.push(table(m));
    for (const f of m.fields) {
      if (f.kind === "scalar" || f.kind === "enum") {
        const where = `${m.name}.${f.name}`;
        desc.columns.push(
          `${table(m)}.${f.dbName ?? f.name} ${postgresType(f, where)} ${f.isRequired ? "NOT NULL" : "NULL"} default=${prismaDefault(f)}`,
        );
      }
      if (f.kind === "object" && f.relationFromFields && f.relationFromFields.length > 0) {
        const target = byName.get(f.type);
        if (!target) throw new Error(`relation target ${f.type} not found`);
        const optional = f.relationFromFields.some((name) => !m.fields.find((x) => x.name === name)?.isRequired);
        // Prisma's defaults when a relation does not say.
        const onDelete = f.relationOnDelete ?? (optional ? "SetNull" : "Restrict");
        const onUpdate = f.relationOnUpdate ?? "Cascade";
        desc.foreignKeys.push(
          `${table(m)} (${f.relationFromFields.map((x) => column(m, x)).join(", ")}) -> ${table(target)} (${(f.relationToFields ?? [])
            .map((x) => column(target, x))
            .join(", ")}) on delete ${onDelete} on update ${onUpdate}`,
        );
      }
    }
  }
  for (const ix of indexes) {
    const m = byName.get(ix.model);
    if (!m) throw new Error(`index on unknown model ${ix.model}`);
    const cols = ix.fields.map((f) => `${column(m, f.name)}${f.sortOrder === "desc" ? " DESC" : ""}`);
    desc.indexes.push(`${table(m)} ${ix.type} (${cols.join(", ")})`);
  }
  return sorted(desc);
}

// ---- the database ---------------------------------------------------------

const FK_ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

function dbDefault(expr: string | null, type: string): string {
  if (expr === null) return "none";
  if (/^nextval\(/.test(expr)) return "autoincrement";
  if (expr === "now()" || expr === "CURRENT_TIMESTAMP") return "now()";
  if (type === "boolean" || /^-?\d+(\.\d+)?$/.test(expr)) {
    return expr === "true" || expr === "false" ? expr : String(Number(expr));
  }
  const text = /^'((?:[^']|'')*)'::[a-z ]+$/.exec(expr);
  if (text) return JSON.stringify(text[1]!.replace(/''/g, "'"));
  return `sql:${expr}`;
}

/** Describes the tables of the connection's current schema (partitions count as their parent). */
export async function describeDatabase(client: pg.ClientBase): Promise<SchemaDescription & { partialIndexes: string[] }> {
  const desc: SchemaDescription = { tables: [], columns: [], indexes: [], foreignKeys: [] };
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  const names = tables.rows.map((r) => r.name).filter((n) => !NON_MODEL_TABLES.has(n));
  desc.tables.push(...names);

  const columns = await client.query<{ tbl: string; col: string; type: string; notnull: boolean; def: string | null }>(
    `SELECT c.relname AS tbl, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
            pg_get_expr(d.adbin, d.adrelid) AS def
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace AND a.attnum > 0 AND NOT a.attisdropped`,
    [names],
  );
  for (const r of columns.rows) {
    // A serial column is integer/bigint with a nextval default: Prisma's autoincrement.
    desc.columns.push(`${r.tbl}.${r.col} ${r.type} ${r.notnull ? "NOT NULL" : "NULL"} default=${dbDefault(r.def, r.type)}`);
  }

  const indexes = await client.query<{ tbl: string; idx: string; primary: boolean; uniq: boolean; partial: boolean; cols: string[]; desc: boolean[] }>(
    `SELECT t.relname AS tbl, i.relname AS idx, x.indisprimary AS primary, x.indisunique AS uniq, x.indpred IS NOT NULL AS partial,
            array(SELECT pg_get_indexdef(x.indexrelid, k + 1, true) FROM generate_subscripts(x.indkey, 1) k ORDER BY k) AS cols,
            array(SELECT (x.indoption[k] & 1) = 1 FROM generate_subscripts(x.indkey, 1) k ORDER BY k) AS desc
       FROM pg_index x
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
      WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace`,
    [names],
  );
  const partialIndexes: string[] = [];
  for (const r of indexes.rows) {
    if (r.partial || SQL_ONLY_INDEXES.has(r.idx)) {
      partialIndexes.push(r.idx);
      continue;
    }
    const type = r.primary ? "id" : r.uniq ? "unique" : "normal";
    const cols = r.cols.map((c, i) => `${c}${r.desc[i] ? " DESC" : ""}`);
    desc.indexes.push(`${r.tbl} ${type} (${cols.join(", ")})`);
  }

  const fks = await client.query<{ tbl: string; cols: string[]; ref: string; refcols: string[]; del: string; upd: string }>(
    `SELECT t.relname AS tbl, r.relname AS ref, k.confdeltype AS del, k.confupdtype AS upd,
            array(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o) AS cols,
            array(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o) AS refcols
       FROM pg_constraint k
       JOIN pg_class t ON t.oid = k.conrelid
       JOIN pg_class r ON r.oid = k.confrelid
      WHERE k.contype = 'f' AND t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace
        AND k.conparentid = 0`,
    [names],
  );
  for (const r of fks.rows) {
    desc.foreignKeys.push(
      `${r.tbl} (${r.cols.join(", ")}) -> ${r.ref} (${r.refcols.join(", ")}) on delete ${FK_ACTIONS[r.del]} on update ${FK_ACTIONS[r.upd]}`,
    );
  }
  return { ...sorted(desc), partialIndexes: partialIndexes.sort() };
}

function sorted(d: SchemaDescription): SchemaDescription {
  return { tables: [...d.tables].sort(), columns: [...d.columns].sort(), indexes: [...d.indexes].sort(), foreignKeys: [...d.foreignKeys].sort() };
}

/** Lines present on one side only, labelled by side; empty when the two agree. */
export function schemaDifferences(prisma: SchemaDescription, db: SchemaDescription): string[] {
  const out: string[] = [];
  for (const key of ["tables", "columns", "indexes", "foreignKeys"] as const) {
    const a = new Set(prisma[key]);
    const b = new Set(db[key]);
    for (const x of a) if (!b.has(x)) out.push(`${key}: only in schema.prisma: ${x}`);
    for (const x of b) if (!a.has(x)) out.push(`${key}: only in the database: ${x}`);
  }
  return out;
}
