/**
 * Browser-side calls to our own API. fetch sends the session cookie
 * (same-origin) and the Origin header on every POST/DELETE, which the API's
 * CSRF check requires; nothing here touches the cookie itself (HttpOnly).
 */
export interface ApiResult<T> {
  ok: boolean;
  data: T | null;
  /** The first error's message and field, when refused. */
  error: { message: string; field: string } | null;
}

export async function callApi<T>(method: "POST" | "DELETE", path: string, body?: Record<string, string>): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body ? { "content-type": "application/x-www-form-urlencoded" } : {},
      body: body ? new URLSearchParams({ api_type: "json", ...body }).toString() : undefined,
    });
  } catch {
    return { ok: false, data: null, error: { message: "could not reach the server", field: "" } };
  }
  const json = (await res.json().catch(() => null)) as (T & { json?: { errors?: [string, string, string][] } }) | null;
  if (res.ok) return { ok: true, data: json, error: null };
  const first = json?.json?.errors?.[0];
  return { ok: false, data: null, error: { message: first?.[1] ?? `request failed (${res.status})`, field: first?.[2] ?? "" } };
}
