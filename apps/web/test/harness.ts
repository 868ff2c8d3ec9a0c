import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import { apiPathOf } from "../src/server/http/api-path.js";
import { createApi } from "../src/server/api.js";
import { createServices, type AppServices } from "../src/server/services.js";

export interface TestApi {
  /** http://127.0.0.1:<port> */
  url: string;
  services: AppServices;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The API served over real HTTP on a random loopback port, against a fresh
 * migrated database of its own (one per test file) and the real stack for
 * everything else. The same dispatch as the Next.js app: apiPathOf() decides
 * what is an API request, createApi() answers it.
 */
export async function startTestApi(opts: { now?: () => number } = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const services = await createServices({ databaseUrl: database.url, ...(opts.now ? { now: opts.now } : {}) });
  const server = await serveApi(services);
  return {
    url: server.url,
    services,
    database,
    async close() {
      await server.close();
      await services.destroy();
      await database.drop();
    },
  };
}

/** Serves the API over the given services on a random loopback port. */
export async function serveApi(services: AppServices): Promise<{ url: string; close(): Promise<void> }> {
  const api = createApi(async () => services);
  const server = http.createServer(async (req, res) => {
    try {
      const url = `http://${req.headers.host}${req.url}`;
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(url, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const apiPath = apiPathOf(new URL(url).pathname, headers.get("authorization"));
      const response = apiPath === null ? new Response("not an API path", { status: 404 }) : await api(request, apiPath);
      res.statusCode = response.status;
      response.headers.forEach((v, k) => res.setHeader(k, v));
      const setCookies = response.headers.getSetCookie();
      if (setCookies.length > 0) res.setHeader("set-cookie", setCookies);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      res.statusCode = 500;
      res.end(String(err));
    }
  });
  // A deep accept queue, and idle connections kept longer than the client
  // keeps them (else a reused socket can be closed under a request): tests
  // open a thousand connections at once on a loaded machine.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface CallOptions {
  /** Form fields (sent form-encoded unless json is set). */
  form?: Record<string, string>;
  json?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * A client that behaves like a browser (cookie jar, same-origin Origin header)
 * or, after useBearer(), like PRAW (bearer token, no cookies).
 */
export class TestClient {
  private cookies = new Map<string, string>();
  private bearer: string | undefined;

  constructor(readonly baseUrl: string) {}

  useBearer(token: string | undefined): this {
    this.bearer = token;
    return this;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read bodies of every shape
  async call(method: string, path: string, opts: CallOptions = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const headers: Record<string, string> = { origin: this.baseUrl, ...opts.headers };
    if (this.bearer) headers.authorization = `bearer ${this.bearer}`;
    else if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (opts.json) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(opts.json);
    } else if (opts.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(opts.form).toString();
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? "" : JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get(path: string, opts?: CallOptions) {
    return this.call("GET", path, opts);
  }

  post(path: string, form: Record<string, string> = {}, opts: CallOptions = {}) {
    return this.call("POST", path, { ...opts, form: { api_type: "json", ...form } });
  }
}
