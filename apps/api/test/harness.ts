import type { AddressInfo } from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { createTestDatabase, type TestDatabase } from "@hivemind/db";
import { config } from "@hivemind/config";
import { RATE_LIMITED_ACTIONS, staticLimits, type Limits, type RateLimitSettings } from "@hivemind/core";
import { createApiServer } from "../src/server.js";
import { createServices, type AppServices } from "../src/services.js";

export interface TestApi {
  /** http://127.0.0.1:<port> */
  url: string;
  services: AppServices;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The settings tests run under unless they choose others: the configured login limits, and no
 * other abuse limit (test files create many accounts and posts from one address, as a load test
 * would; the limits' own tests set theirs).
 */
export function testRateLimits(overrides: Partial<RateLimitSettings> = {}): RateLimitSettings {
  const settings = structuredClone(config().rateLimits);
  for (const action of RATE_LIMITED_ACTIONS) if (action !== "login") settings[action] = { perAccount: null, perAddress: null };
  return { ...settings, ...overrides };
}

/**
 * The API server, built by the same factory the production entry uses, on a random loopback
 * port against a fresh migrated database of its own (one per test file) and the real stack for
 * everything else.
 */
export async function startTestApi(
  opts: { now?: () => number; trustedProxyHops?: number; limits?: Limits; onArgon2?: (op: "hash" | "verify") => void; listings?: "postgres" } = {},
): Promise<TestApi> {
  const database = await createTestDatabase();
  const services = await createServices({
    databaseUrl: database.url,
    ...(opts.listings ? { listings: opts.listings } : {}),
    limits: opts.limits ?? staticLimits(testRateLimits()),
    ...(opts.onArgon2 ? { onArgon2: opts.onArgon2 } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const server = await serveApi(services, opts.trustedProxyHops ?? 0);
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

/** Serves the API (createApiServer; by default with no proxy in front) over the given services on a random loopback port. */
export async function serveApi(services: AppServices, trustedProxyHops = 0): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApiServer({ services, trustedProxyHops });
  await app.listen({ port: 0, host: "127.0.0.1", backlog: 4096 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
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
  private readonly dispatcher: Agent | undefined;

  /**
   * `sourceAddress` (any 127.x.y.z) makes this client connect from its own loopback address, so
   * per-address limits see it as a distinct client, as they would in production.
   */
  constructor(
    readonly baseUrl: string,
    opts: { sourceAddress?: string } = {},
  ) {
    this.dispatcher = opts.sourceAddress ? new Agent({ localAddress: opts.sourceAddress }) : undefined;
  }

  useBearer(token: string | undefined): this {
    this.bearer = token;
    return this;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read bodies of every shape
  async call(method: string, path: string, opts: CallOptions = {}): Promise<{ status: number; body: any; headers: { get(name: string): string | null; getSetCookie(): string[] } }> {
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
    const res = await undiciFetch(this.baseUrl + path, { method, headers, body, redirect: "manual", ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}) });
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
