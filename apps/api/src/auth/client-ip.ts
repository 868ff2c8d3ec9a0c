import type { ApiRequest } from "../http/request.js";

/**
 * The client's address for per-address limits. The server works it out once (fastify's
 * trustProxy over `TRUSTED_PROXY_HOPS`): with no proxy configured it is the socket's peer and
 * no header is read; behind the front tier it is the address nginx saw, the rightmost entry
 * of X-Forwarded-For, which the client cannot write.
 */
export function clientIp(req: ApiRequest): string {
  return req.ip;
}
