import { HivemindError, ValidationError } from "@hivemind/core";

export const MAX_BODY_BYTES = 256 * 1024;

export type Params = Record<string, string>;

/**
 * Query string and body merged into one flat map, as reddit's validators see
 * them. Form-encoded and JSON bodies are both accepted; JSON values that are
 * not strings are kept as their JSON text except booleans and numbers, which
 * become their string forms (PRAW sends "True"/"False" in forms anyway).
 */
export async function readParams(req: Request): Promise<Params> {
  const url = new URL(req.url);
  const params: Params = {};
  for (const [k, v] of url.searchParams) params[k] = v;
  if (req.method === "GET" || req.method === "HEAD") return params;

  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new HivemindError("TOO_LONG", "request body is too large", 413, { field: "body" });
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new HivemindError("TOO_LONG", "request body is too large", 413, { field: "body" });
  if (text === "") return params;

  const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ValidationError("body is not valid JSON", { field: "body" });
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw new ValidationError("JSON body must be an object", { field: "body" });
    }
    for (const [k, v] of Object.entries(body)) {
      if (v === null || v === undefined) continue;
      params[k] = typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
    }
    return params;
  }
  for (const [k, v] of new URLSearchParams(text)) params[k] = v;
  return params;
}
