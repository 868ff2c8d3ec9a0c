import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { allRoutes } from "../src/routes/index.js";
import { buildOpenApi, type OpenApiDocument } from "../src/openapi.js";

/**
 * Checks response bodies against the OpenAPI document, for integration tests:
 *
 *   const doc = openApiDocument();                       // or: await fetchOpenApi(api.url)
 *   expectMatchesOpenApi(doc, "GET", "/r/pics/about.json", res.status, res.body);
 *
 * The path may be concrete (`/r/pics/about`), with or without `.json`, a
 * trailing slash or a query string; it is matched against the document's
 * templated paths (literal segments win over `{params}`). The response is
 * looked up by exact status, then `4XX`-style range, then `default`. Throws
 * an Error listing every schema violation.
 */

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

let localDoc: OpenApiDocument | undefined;

/** The document built from the route table in-process (same as GET /api/openapi.json). */
export function openApiDocument(): OpenApiDocument {
  localDoc ??= buildOpenApi(allRoutes);
  return localDoc;
}

/** The document a running server serves. */
export async function fetchOpenApi(baseUrl: string): Promise<OpenApiDocument> {
  const res = await fetch(`${baseUrl}/api/openapi.json`);
  if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

function canonical(path: string): string {
  const p = (path.split("?")[0] ?? "").replace(/\/+$/, "").replace(/\.json$/, "");
  return p === "" ? "/" : p;
}

/** The document's path template for a concrete path, or undefined. */
export function findOpenApiPath(doc: OpenApiDocument, method: string, path: string): string | undefined {
  const want = canonical(path);
  const m = method.toLowerCase();
  let best: { template: string; params: number } | undefined;
  for (const [template, ops] of Object.entries(doc.paths)) {
    if (!(m in ops)) continue;
    const re = new RegExp(`^${template.replace(/[.+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (!re.test(want)) continue;
    const params = (template.match(/\{/g) ?? []).length;
    if (!best || params < best.params) best = { template, params };
  }
  return best?.template;
}

function responseSchema(doc: OpenApiDocument, method: string, template: string, status: number): object | undefined {
  const op = doc.paths[template]?.[method.toLowerCase()] as { responses?: Record<string, { content?: Record<string, { schema?: object }> }> } | undefined;
  const responses = op?.responses ?? {};
  const entry = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return entry?.content?.["application/json"]?.schema;
}

export function expectMatchesOpenApi(doc: OpenApiDocument, method: string, path: string, status: number, body: unknown): void {
  const template = findOpenApiPath(doc, method, path);
  if (!template) throw new Error(`OpenAPI: no ${method.toUpperCase()} operation matches ${path}`);
  const schema = responseSchema(doc, method, template, status);
  if (!schema) throw new Error(`OpenAPI: ${method.toUpperCase()} ${template} documents no ${status} response`);
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? []).map((e) => `  ${e.instancePath || "(root)"} ${e.message ?? ""} ${JSON.stringify(e.params)}`).join("\n");
    const shown = JSON.stringify(body);
    throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} → ${status} does not match ${template}:\n${errors}\nbody: ${shown.length > 2000 ? `${shown.slice(0, 2000)}…` : shown}`);
  }
}

/** expectMatchesOpenApi against the in-process document, for a TestClient result. */
export function expectResponseMatchesOpenApi(method: string, path: string, res: { status: number; body: unknown }): void {
  expectMatchesOpenApi(openApiDocument(), method, path, res.status, res.body);
}
