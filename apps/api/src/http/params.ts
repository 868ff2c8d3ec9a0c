import { ValidationError } from "@hivemind/core";

/** The largest request body read (fastify stops reading past it, chunked or not: 413). */
export const MAX_BODY_BYTES = 256 * 1024;

export type Params = Record<string, string>;

/**
 * Query string and body merged into one flat map, as reddit's validators see them. Form-encoded
 * and JSON bodies are both accepted (any other type is read as a form, as reddit does); JSON
 * values that are not strings are kept as their JSON text except booleans and numbers, which
 * become their string forms (PRAW sends "True"/"False" in forms anyway).
 */
export function toParams(query: Record<string, string | string[] | undefined>, body: string | undefined, contentType: string | undefined): Params {
  const params: Params = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params[k] = Array.isArray(v) ? (v[v.length - 1] ?? "") : v;
  if (body === undefined || body === "") return params;
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new ValidationError("body is not valid JSON", { field: "body" });
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new ValidationError("JSON body must be an object", { field: "body" });
    }
    for (const [k, v] of Object.entries(parsed)) {
      if (v === null || v === undefined) continue;
      params[k] = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
    }
    return params;
  }
  for (const [k, v] of new URLSearchParams(body)) params[k] = v;
  return params;
}

/**
 * Refuses a value holding NUL (U+0000), naming its field: Postgres text cannot store it, and the
 * query would fail as a 500 after the request was read. Checked before anything is read or written.
 */
export function refuseNul(values: Readonly<Record<string, unknown>>): void {
  for (const [field, v] of Object.entries(values)) {
    if (typeof v === "string" && v.includes("\u0000")) throw new ValidationError(`${field} may not contain a NUL character`, { field });
  }
}
