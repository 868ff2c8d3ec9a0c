import { z } from "zod";
import { defineRoute, type Route } from "../http/route.js";
import { buildOpenApi, type OpenApiDocument } from "../openapi.js";

/** GET /api/openapi.json over the given route table (passed lazily: the table includes this route). */
export function openApiRoutes(table: () => readonly Route[]): Route[] {
  let doc: OpenApiDocument | undefined;
  return [
    defineRoute({
      method: "GET",
      path: "/api/openapi",
      scope: "none",
      auth: "none",
      tags: ["meta"],
      summary: "This document: the OpenAPI 3.1 description of every API route",
      input: z.object({}),
      response: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) }),
      async handler() {
        doc ??= buildOpenApi(table());
        return doc;
      },
    }),
  ];
}
