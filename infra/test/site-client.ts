import { Agent, request } from "undici";

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read bodies of every shape
  json(): any;
}

/** Shared by every client of a test file: kept-alive connections to the front tier, as a browser keeps them. */
export const keptAlive = new Agent({ keepAliveTimeout: 120_000, keepAliveMaxTimeout: 120_000, connections: 2048 });

/**
 * A browser-like client of the public port: a cookie jar, a same-origin Origin header on
 * writes, or (useBearer) a bearer token as PRAW sends it.
 */
export class SiteClient {
  private readonly cookies = new Map<string, string>();
  private bearer: string | undefined;

  constructor(
    readonly baseUrl: string,
    private readonly dispatcher: Agent = keptAlive,
  ) {}

  useBearer(token: string): this {
    this.bearer = token;
    return this;
  }

  /** Carries this session cookie, as a logged-in browser does. */
  withSession(cookieName: string, token: string): this {
    this.cookies.set(cookieName, token);
    return this;
  }

  get loggedIn(): boolean {
    return this.bearer !== undefined || this.cookies.size > 0;
  }

  async call(method: string, path: string, form?: Record<string, string>): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (method !== "GET" && method !== "HEAD") headers.origin = this.baseUrl;
    if (this.bearer) headers.authorization = `bearer ${this.bearer}`;
    else if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams({ api_type: "json", ...form }).toString();
    }
    const res = await request(this.baseUrl + path, { method: method as "GET", headers, body, dispatcher: this.dispatcher });
    const setCookie = res.headers["set-cookie"];
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
  }

  get(path: string): Promise<Answer> {
    return this.call("GET", path);
  }

  post(path: string, form: Record<string, string>): Promise<Answer> {
    return this.call("POST", path, form);
  }

  /** Registers (which logs in: the session cookie lands in the jar). */
  async register(name: string, password = "correct horse battery"): Promise<this> {
    const res = await this.post("/api/register", { user: name, passwd: password, passwd2: password });
    if (res.status !== 200 || res.json().json?.errors?.length) throw new Error(`register ${name}: ${res.status} ${res.text}`);
    return this;
  }
}
