import { LocalCache } from "@hivemind/cache";
import type { Viewer } from "@hivemind/core";
import type { PageRequest } from "./cursor.js";
import type { ListingPage } from "./pipeline.js";

/**
 * How long a logged-out page is shared. Short, because its parts (the local snapshot and rows) may
 * already be up to LOCAL_CACHE_MS old; a busy page is still built once per thousand or so answers.
 */
export const SHARED_PAGE_MS = 100;
const MAX_PAGES = 512;

/**
 * Listing pages as logged-out readers see them, shared by every logged-out reader in the process
 * for SHARED_PAGE_MS: a busy page is hydrated, checked against the rules and presented about ten
 * times a second instead of on every request (reddit served logged-out readers rendered pages in
 * the same spirit). Concurrent readers of one page share one read; a failed read is not kept. A
 * TTL of 0 shares nothing. A page read for a logged-in reader is never shared: it carries their
 * votes, saves, hides and moderator fields, and must show their own writes at once.
 *
 * A shared page is built from the local snapshot and rows, which are themselves up to
 * LOCAL_CACHE_MS old, so a logged-out answer trails the ring by at most the sum of the two.
 */
export class SharedPages {
  private readonly cache: LocalCache<string, Promise<ListingPage>>;

  constructor(opts: { ttlMs?: number; max?: number; now?: () => number } = {}) {
    const ttlMs = opts.ttlMs ?? SHARED_PAGE_MS;
    this.cache = new LocalCache({ ttlMs: () => ttlMs, max: opts.max ?? MAX_PAGES, ...(opts.now ? { now: opts.now } : {}) });
  }

  /**
   * Forgets every shared page: this process's own writes (a removal, an edit, a ban) show to the
   * next logged-out reader it serves, as the local rows and facts they change do.
   */
  clear(): void {
    this.cache.clear();
  }

  /** `read()` for `actor`; for a logged-out reader, the page `listing` + `q` names, shared. */
  read(actor: Viewer | null, listing: string, q: PageRequest & { stats?: unknown }, read: () => Promise<ListingPage>): Promise<ListingPage> {
    // A measured read (stats) must do the work it measures.
    if (actor !== null || q.stats !== undefined) return read();
    const name = `${listing}|${q.limit ?? ""}|${q.after ?? ""}|${q.before ?? ""}`;
    const hit = this.cache.get(name);
    if (hit) return hit;
    const page = read();
    this.cache.set(name, page);
    page.catch(() => this.cache.delete(name));
    return page;
  }
}
