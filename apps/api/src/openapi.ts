import { z } from "zod";
import type { Route } from "./http/route.js";

/**
 * The OpenAPI 3.1 document of the API, generated from the route table: every
 * route's input schema becomes its query parameters (GET) or its request body
 * (form-encoded and JSON alike: the router accepts both), its response schema
 * the 200 answer, and the error body every 4xx. Schemas come from zod 4's
 * z.toJSONSchema (JSON Schema 2020-12, which OpenAPI 3.1 uses as is):
 * inputs as clients send them (before transforms), responses as the server
 * writes them, objects closed (undeclared response fields fail the checks).
 */

type JsonSchema = Record<string, unknown>;

/** The error body of every 4xx (http/error-response.ts). */
export const errorBodySchema = z.object({
  error: z.number().int(),
  message: z.string(),
  reason: z.string(),
  explanation: z.string(),
  fields: z.array(z.string()).length(1),
  json: z.object({ errors: z.array(z.tuple([z.string(), z.string(), z.string()])) }),
});

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return out;
}

/**
 * path-to-regexp → OpenAPI paths. `:name` and `*name` become `{name}`; an
 * optional group `{…}` yields one path without it and one with it.
 */
export function openApiPaths(pattern: string): string[] {
  const group = /\{([^{}]*)\}/.exec(pattern);
  if (group) {
    const [whole, inner = ""] = group;
    const before = pattern.slice(0, group.index);
    const after = pattern.slice(group.index + whole.length);
    return [...openApiPaths(before + after), ...openApiPaths(before + inner + after)];
  }
  return [pattern.replace(/[:*]([A-Za-z_$][\w$]*)/g, "{$1}") || "/"];
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
}

function operationId(route: Route, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return [route.method.toLowerCase(), ...words].join("_");
}

const SECURITY = {
  required: [{ bearer: [] }, { cookie: [] }],
  optional: [{}, { bearer: [] }, { cookie: [] }],
  none: [{}],
} as const;

function operation(route: Route, path: string, errorBody: JsonSchema): JsonSchema {
  const input = jsonSchema(route.input, "input");
  const props = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  const parameters: JsonSchema[] = pathParamNames(path).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  let requestBody: JsonSchema | undefined;
  if (route.method === "GET") {
    for (const [name, schema] of Object.entries(props)) parameters.push({ name, in: "query", required: required.has(name), schema });
  } else {
    requestBody = {
      required: required.size > 0,
      content: { "application/x-www-form-urlencoded": { schema: input }, "application/json": { schema: input } },
    };
  }
  const errors = route.errorResponse ? jsonSchema(route.errorResponse, "output") : errorBody;
  return {
    operationId: operationId(route, path),
    summary: route.summary,
    ...(route.tags ? { tags: route.tags } : {}),
    security: SECURITY[route.auth],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      "200": { description: "OK", content: { "application/json": { schema: jsonSchema(route.response, "output") } } },
      "4XX": { description: "Refused: the error names the field", content: { "application/json": { schema: errors } } },
    },
  };
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, JsonSchema>>;
  components: { securitySchemes: Record<string, JsonSchema>; schemas: Record<string, JsonSchema> };
}

export function buildOpenApi(routes: readonly Route[]): OpenApiDocument {
  const errorBody = jsonSchema(errorBodySchema, "output");
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routes) {
    for (const path of openApiPaths(route.path)) {
      (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, path, errorBody);
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "hivemind API",
      version: "1",
      description:
        "A reddit-compatible API. Every path also answers with a .json suffix and a trailing slash; with a bearer token every path answers JSON. " +
        "Bodies may be form-encoded or JSON. Cookie-authenticated writes must carry a same-origin Origin header.",
    },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "a token from POST /api/v1/access_token" },
        cookie: { type: "apiKey", in: "cookie", name: "hm_session" },
      },
      schemas: { Error: errorBody },
    },
  };
}
