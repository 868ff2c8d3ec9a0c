// One API server for bench/read, in a child process of its own: `precomputed` reads the listing
// store (Redis → Cassandra → Postgres) as production does; `computed` (baseline a) ranks the
// community's posts with reddit's hot() in an ORDER BY on every request; `ranked` (baseline b,
// Lemmy's way) reads a stored hot rank column through an index, refreshed every REFRESH_MS.
// The baselines read the page's rows from Postgres on every request, as the systems they stand
// for do (no cache ring: every thing-cache and community-facts read misses). `ranked-cached` is
// baseline (b)'s skeleton with this site's caches in front of the rows, to show which part of the
// gap the skeleton accounts for. All share the hydrate, rules and present code.
import type { AddressInfo } from "node:net";
import pg from "pg";
import { formatFullname, type ListingKey } from "@hivemind/core";
import type { ListingReader } from "@hivemind/listings";
import { createCacheRing } from "@hivemind/cache";
import { createApiServer, createServices } from "@hivemind/api";
import { HOT_SQL, RANK_TABLE, refreshRanks } from "./sql.js";

const [mode, databaseUrl] = process.argv.slice(2) as ["precomputed" | "computed" | "ranked" | "ranked-cached", string];
const REFRESH_MS = 30_000;
const PAGE = 26; // one page and the look-ahead

/** The baselines' own connections, so their skeleton queries do not queue behind hydration. */
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });

function sqlReader(sql: string): ListingReader {
  return {
    async read(key: ListingKey) {
      if (key.owner.type !== "community") throw new Error("bench baselines serve community listings only");
      const { rows } = await pool.query<{ id: string; v: number }>(sql, [key.owner.id.toString(), PAGE]);
      return { items: rows.map((r) => ({ fullname: formatFullname("t3", BigInt(r.id)), sort: Number(r.v) })), source: "postgres" as const };
    },
  };
}

const computed = `SELECT id::text, ${HOT_SQL} AS v FROM posts WHERE community_id = $1 AND NOT deleted AND NOT removed ORDER BY v DESC, id DESC LIMIT $2`;
const ranked = `SELECT post_id::text AS id, rank AS v FROM ${RANK_TABLE} WHERE community_id = $1 ORDER BY rank DESC, post_id DESC LIMIT $2`;

const noCache = mode === "computed" || mode === "ranked";
const emptyRing = createCacheRing({ nodes: [] });
if (noCache) await emptyRing.start();
const services = await createServices({
  databaseUrl,
  ...(mode === "precomputed" ? {} : { listings: sqlReader(mode === "computed" ? computed : ranked) }),
  ...(noCache ? { ring: emptyRing } : {}),
});
let timer: NodeJS.Timeout | undefined;
if (mode === "ranked" || mode === "ranked-cached") timer = setInterval(() => void refreshRanks(pool, 7).catch(() => undefined), REFRESH_MS);
const app = createApiServer({ services, trustedProxyHops: 0 });
await app.listen({ port: 0, host: "127.0.0.1", backlog: 4096 });
process.send?.({ port: (app.server.address() as AddressInfo).port });
process.on("message", () => {
  clearInterval(timer);
  void app
    .close()
    .then(() => services.destroy())
    .then(() => pool.end())
    .then(() => process.exit(0));
});
