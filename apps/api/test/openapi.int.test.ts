import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiPaths } from "../src/openapi.js";
import { allRoutes } from "../src/routes/index.js";
import { startTestApi, type TestApi } from "./harness.js";
import { expectMatchesOpenApi, fetchOpenApi, findOpenApiPath, openApiDocument } from "./openapi-check.js";

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe("GET /api/openapi.json", () => {
  it("serves an OpenAPI 3.1 document with an operation for every route, equal to the in-process one", async () => {
    const doc = await fetchOpenApi(api.url);
    expect(doc.openapi).toBe("3.1.0");
    expect(JSON.parse(JSON.stringify(openApiDocument()))).toEqual(doc);
    for (const route of allRoutes) {
      for (const path of openApiPaths(route.path)) {
        const op = doc.paths[path]?.[route.method.toLowerCase()] as Record<string, unknown> | undefined;
        expect(op, `${route.method} ${path}`).toBeDefined();
        expect(op?.summary).toBe(route.summary);
        expect(Object.keys(op?.responses as object)).toEqual(["200", "4XX"]);
      }
    }
    const res = await fetch(`${api.url}/api/openapi`);
    expect(res.status).toBe(200);
  });

  it("documents GET inputs as query parameters and POST inputs as both form and JSON bodies; path params as path parameters", () => {
    const doc = openApiDocument();
    const available = doc.paths["/api/username_available"]?.get as { parameters: { name: string; in: string; required: boolean }[] };
    expect(available.parameters).toEqual([expect.objectContaining({ name: "user", in: "query", required: true })]);
    const register = doc.paths["/api/register"]?.post as { requestBody: { content: Record<string, { schema: { properties: object; required: string[] } }> } };
    expect(Object.keys(register.requestBody.content)).toEqual(["application/x-www-form-urlencoded", "application/json"]);
    expect(register.requestBody.content["application/json"]?.schema.required).toEqual(["user", "passwd"]);
    const about = doc.paths["/r/{name}/about"]?.get as { parameters: { name: string; in: string }[] };
    expect(about.parameters).toEqual([{ name: "name", in: "path", required: true, schema: { type: "string" } }]);
  });

  it("every schema in it compiles as JSON Schema 2020-12", () => {
    const ajv = new Ajv2020({ strict: false });
    const doc = openApiDocument();
    let n = 0;
    const visit = (node: unknown, key?: string): void => {
      if (node === null || typeof node !== "object") return;
      if (key === "schema") {
        ajv.compile(node as object);
        n++;
        return;
      }
      for (const [k, v] of Object.entries(node)) visit(v, k);
    };
    visit(doc.paths);
    expect(n).toBeGreaterThan(allRoutes.length);
  });
});

describe("expectMatchesOpenApi", () => {
  const doc = openApiDocument();

  it("matches concrete paths to templates, literal segments first, ignoring .json, slashes and queries", () => {
    expect(findOpenApiPath(doc, "GET", "/r/pics/about.json?raw_json=1")).toBe("/r/{name}/about");
    expect(findOpenApiPath(doc, "GET", "/api/v1/apps/")).toBe("/api/v1/apps");
    expect(findOpenApiPath(doc, "DELETE", "/api/v1/apps/abc")).toBe("/api/v1/apps/{client_id}");
    expect(findOpenApiPath(doc, "GET", "/nowhere")).toBeUndefined();
  });

  it("accepts a conforming body and rejects a wrong one with the failing path in the message", () => {
    expectMatchesOpenApi(doc, "GET", "/api/username_available", 200, true);
    expect(() => expectMatchesOpenApi(doc, "GET", "/api/username_available", 200, { ok: true })).toThrow(/must be boolean/);
    expect(() => expectMatchesOpenApi(doc, "GET", "/user/x/about", 200, { kind: "t2", data: { name: "x" } })).toThrow(/\/data must have required property/);
    expect(() => expectMatchesOpenApi(doc, "GET", "/nowhere", 200, {})).toThrow(/no GET operation/);
    const errorBody = { error: 400, message: "m", reason: "BAD_REQUEST", explanation: "m", fields: ["x"], json: { errors: [["BAD_REQUEST", "m", "x"]] } };
    expectMatchesOpenApi(doc, "POST", "/api/register", 400, errorBody);
    expect(() => expectMatchesOpenApi(doc, "POST", "/api/register", 400, { error: "nope" })).toThrow();
  });

  it("turns optional path groups into one path each", () => {
    expect(openApiPaths("/api/login{/:user}")).toEqual(["/api/login", "/api/login/{user}"]);
    expect(openApiPaths("/r/:name/comments/:id{/:slug}")).toEqual(["/r/{name}/comments/{id}", "/r/{name}/comments/{id}/{slug}"]);
  });
});
