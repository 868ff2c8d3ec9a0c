import { Agent, request } from "undici";

/**
 * HTTP to the public port from many loopback source addresses (127.0.<i>.<j>): each simulated
 * voter group has an address of its own, as clients on the internet would, so a per-address
 * limit sees many addresses even if a live config turns one on mid-run.
 */
export class PublicClient {
  private readonly agents: Agent[];
  private next = 0;

  constructor(
    readonly origin: string,
    addresses: number,
    connectionsPerAddress: number,
    private readonly timeoutMs = 10_000,
  ) {
    this.agents = Array.from(
      { length: addresses },
      (_, i) => new Agent({ localAddress: `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`, connections: connectionsPerAddress, pipelining: 1, keepAliveTimeout: 30_000 }),
    );
  }

  /** The agent (source address) for a voter: the same voter always comes from the same address. */
  agentFor(index: number): Agent {
    return this.agents[index % this.agents.length]!;
  }

  /** POST /api/vote; resolves to the status (0: no answer: timeout or connection error). */
  async vote(agentIndex: number, token: string, fullname: string, dir: -1 | 0 | 1): Promise<number> {
    try {
      const res = await request(`${this.origin}/api/vote`, {
        method: "POST",
        dispatcher: this.agentFor(agentIndex),
        headers: { authorization: `bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
        body: `id=${fullname}&dir=${dir}`,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      await res.body.dump();
      return res.statusCode;
    } catch {
      return 0;
    }
  }

  /** A POST with a bearer token and a form body, answering JSON (setup: submitting posts). */
  async postForm(agentIndex: number, token: string, path: string, form: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const res = await request(this.origin + path, {
      method: "POST",
      dispatcher: this.agentFor(agentIndex),
      headers: { authorization: `bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.statusCode, body: await res.body.json().catch(() => null) };
  }

  /** An anonymous GET answering JSON, with the listing source header. */
  async getJson<T>(path: string): Promise<{ status: number; body: T | null; source: string }> {
    const res = await request(this.origin + path, { dispatcher: this.agentFor(this.next++), headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
    const source = String(res.headers["x-hivemind-listing-source"] ?? "-");
    if (res.statusCode !== 200) {
      await res.body.dump();
      return { status: res.statusCode, body: null, source };
    }
    return { status: res.statusCode, body: (await res.body.json()) as T, source };
  }

  async close(): Promise<void> {
    await Promise.all(this.agents.map((a) => a.close()));
  }
}

/** The part of reddit's Listing JSON the benchmark reads. */
export interface ListingJson {
  data: { after: string | null; children: { data: { name: string; score: number; ups: number; downs: number } }[] };
}
