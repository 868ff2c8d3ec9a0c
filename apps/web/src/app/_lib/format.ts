/** "3 hours ago", as old reddit's tagline; "just now" under a minute. */
export function timeAgo(at: Date, now: number): string {
  const s = Math.max(0, Math.floor((now - at.getTime()) / 1000));
  if (s < 60) return "just now";
  const units: [number, string][] = [
    [365 * 86400, "year"],
    [30 * 86400, "month"],
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  for (const [size, name] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return `${n} ${name}${n === 1 ? "" : "s"} ago`;
    }
  }
  return "just now";
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first value of a search param (Next gives string | string[] | undefined). */
export function param(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A query value read leniently, as reddit's pages read theirs: `schema`'s output for the first
 * value under `key`, or undefined when it is absent or malformed (the caller's default applies).
 */
export function lenientParam<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, sp: Record<string, string | string[] | undefined>, key: string): T | undefined {
  const r = schema.safeParse(param(sp[key]));
  return r.success ? r.data : undefined;
}
