import type { FastifyRequest } from "fastify";

/**
 * What a route sees of its HTTP request: headers, the client's address and the origin it
 * addressed. Fastify's own request stays in the edge (router.ts), so handlers and the auth
 * helpers are plain functions of this shape.
 */
export interface ApiRequest {
  method: string;
  /** A header's value (names are case-insensitive); repeated headers joined by ", ". */
  header(name: string): string | undefined;
  /**
   * The client's address: the socket's, or, behind `TRUSTED_PROXY_HOPS` proxies, the address
   * the outermost trusted proxy saw (fastify's trustProxy). A client's own X-Forwarded-For
   * entries are never trusted.
   */
  ip: string;
  /** True when the client reached the front tier over https. */
  https: boolean;
  /** `scheme://host` as the client addressed us: the base of absolute URLs we answer with. */
  origin: string;
}

export function apiRequestOf(req: FastifyRequest): ApiRequest {
  const https = req.protocol === "https";
  return {
    method: req.method,
    header(name) {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(", ") : v;
    },
    ip: req.ip,
    https,
    origin: `${https ? "https" : "http"}://${req.host}`,
  };
}
