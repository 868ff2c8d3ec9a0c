import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** The status a correct answer has (a 401 for an anonymous /api/v1/me); any other counts as an error. */
  expectStatus: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts and answers whose status is not the expected one. */
  errors: number;
  statuses: Record<string, number>;
}

/** Drives one URL for a while with autocannon in this process (one event loop: on 2 cores it competes with the servers). */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    headers: o.headers ?? {},
    timeout: 10,
  });
  const statuses: Record<string, number> = {};
  let answered = 0;
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) {
    statuses[code] = s.count ?? 0;
    answered += s.count ?? 0;
  }
  const wrong = answered - (statuses[String(o.expectStatus)] ?? 0);
  return {
    requests: r.requests.total,
    rps: Math.round(r.requests.total / r.duration),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + wrong, // autocannon counts timeouts among its errors
    statuses,
  };
}
