import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { repoRoot, UPSTREAM_KEEPALIVE_SECONDS, type ServiceConfig } from "@hivemind/config";
import { SESSION_COOKIE } from "@hivemind/accounts";
import { isRoot, run } from "../process.js";
import { mkdirp, pidFromFile, spawnService, type Service, type ServiceFiles } from "./service.js";

const NGINX = "/usr/sbin/nginx";

/** The largest request body the front tier forwards (413 past it); the API's own cap is 256 KiB. */
export const FRONT_MAX_BODY = "1m";
/** The probe path: answered by nginx itself, from loopback only. */
export const FRONT_HEALTH_PATH = "/.front/health";

export interface FrontTierPaths {
  /** nginx's prefix: config, pid, logs, cache and temp files. */
  dir: string;
  /** The built web app's static files (apps/web/.next/static). */
  staticDir: string;
  /** The web app's public files (apps/web/public), if any. */
  publicDir: string;
}

export function frontTierPaths(dir: string): FrontTierPaths {
  return { dir, staticDir: path.join(repoRoot, "apps/web/.next/static"), publicDir: path.join(repoRoot, "apps/web/public") };
}

/** One `location` per top-level entry of the public directory (Next serves them at the root). */
function publicLocations(publicDir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(publicDir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => /^[A-Za-z0-9._-]+$/.test(e.name))
    .map((e) =>
      e.isDirectory()
        ? `    location ^~ /${e.name}/ { alias ${path.join(publicDir, e.name)}/; include immutable.conf; }`
        : `    location = /${e.name} { alias ${path.join(publicDir, e.name)}; include immutable.conf; }`,
    );
}

/**
 * nginx.conf for the front tier, written from the config's ports. Pure: same config and paths,
 * same text (so a restart only reloads when something changed).
 */
export function frontTierConfig(cfg: ServiceConfig, p: FrontTierPaths): { "nginx.conf": string; "immutable.conf": string; "proxy.conf": string } {
  const { front } = cfg;
  const state = (f: string) => path.join(p.dir, f);
  const upstream = (name: string, ports: number[]) => [
    `  upstream ${name} {`,
    // least_conn: a slow render or a long write does not pile more requests onto its instance.
    "    least_conn;",
    // One failed attempt takes an instance out for 2 s; then one request tries it again.
    ...ports.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`),
    "    keepalive 128;",
    `    keepalive_timeout ${UPSTREAM_KEEPALIVE_SECONDS}s;`,
    "    keepalive_requests 100000;",
    "  }",
  ];
  const pageCacheControl = `public, s-maxage=${front.pageCacheSeconds}, stale-while-revalidate=${front.pageStaleSeconds}`;
  const conf = [
    "# Written by infra/src/services/nginx.ts from the stack's config on every start: edits here are lost.",
    ...(isRoot() ? ["user root;"] : []),
    "worker_processes 2;",
    `pid ${state("nginx.pid")};`,
    `error_log ${state("error.log")} warn;`,
    "daemon off;",
    "events {",
    "  worker_connections 4096;",
    "  multi_accept on;",
    "}",
    "http {",
    "  types {",
    "    text/html html; text/css css; text/plain txt; application/javascript js mjs; application/json json map;",
    "    image/svg+xml svg; image/png png; image/jpeg jpg jpeg; image/gif gif; image/webp webp; image/x-icon ico;",
    "    font/woff woff; font/woff2 woff2; font/ttf ttf; application/manifest+json webmanifest;",
    "  }",
    "  default_type application/octet-stream;",
    "  server_tokens off;",
    "  sendfile on;",
    // Off: with it on, a cached page (chunked, sent from the cache file) waited ~40 ms per answer
    // for the client's delayed ACK (p50 44 ms at 16 connections; off: 1 ms). docs/performance.md.
    "  tcp_nopush off;",
    "  tcp_nodelay on;",
    "  keepalive_timeout 65s;",
    "  keepalive_requests 100000;",
    `  client_max_body_size ${FRONT_MAX_BODY};`,
    `  client_body_temp_path ${state("tmp/body")};`,
    `  proxy_temp_path ${state("tmp/proxy")};`,
    `  fastcgi_temp_path ${state("tmp/fastcgi")};`,
    `  uwsgi_temp_path ${state("tmp/uwsgi")};`,
    `  scgi_temp_path ${state("tmp/scgi")};`,
    "  log_format front '$remote_addr [$time_local] \"$request\" $status $body_bytes_sent $request_time '",
    "                   'upstream=$upstream_addr upstream_status=$upstream_status cache=$upstream_cache_status';",
    `  access_log ${state("access.log")} front buffer=32k flush=1s;`,
    "  gzip on;",
    "  gzip_comp_level 4;",
    "  gzip_min_length 1024;",
    "  gzip_proxied any;",
    "  gzip_vary on;",
    "  gzip_types text/css text/plain text/xml application/json application/javascript text/javascript application/xml image/svg+xml application/manifest+json;",
    "",
    // Who is asking: a bearer token or a session cookie makes a request personal.
    "  map $http_authorization $hm_bearer {",
    "    default 0;",
    '    "~*^bearer\\s+\\S" 1;',
    "  }",
    `  map $cookie_${SESSION_COOKIE} $hm_session {`,
    '    "" 0;',
    "    default 1;",
    "  }",
    // A Next.js client navigation (RSC payload) is never cached: its body depends on headers.
    "  map $http_rsc $hm_rsc {",
    '    "" 0;',
    "    default 1;",
    "  }",
    '  map "$hm_bearer$hm_session$hm_rsc" $hm_personal {',
    '    "000" 0;',
    "    default 1;",
    "  }",
    // The Cache-Control a page gets: public only for a logged-out 200 that sets no cookie.
    '  map "$hm_personal:$status:$upstream_http_set_cookie" $hm_page_cache_control {',
    '    default "private, no-store";',
    `    "0:200:" "${pageCacheControl}";`,
    "  }",
    // A browser applies stale-while-revalidate to its own cache too: without Vary: Cookie it would
    // show the logged-out copy of a page right after its reader logs in.
    '  map "$hm_personal:$status:$upstream_http_set_cookie" $hm_page_vary {',
    '    default "";',
    '    "0:200:" "Cookie";',
    "  }",
    // Host as the client sent it (with its port), so the API's same-origin check sees the public origin.
    "  map $http_host $hm_host {",
    '    "" $host;',
    "    default $http_host;",
    "  }",
    "",
    ...upstream("api", front.apiPorts),
    ...upstream("pages", front.pagePorts),
    "",
    `  proxy_cache_path ${state("cache")} levels=1:2 keys_zone=pages:16m max_size=256m inactive=10m use_temp_path=off;`,
    "",
    "  server {",
    `    listen 127.0.0.1:${front.port} backlog=4096;`,
    "    server_name _;",
    "",
    `    location = ${FRONT_HEALTH_PATH} {`,
    "      access_log off;",
    "      allow 127.0.0.1;",
    "      deny all;",
    "      default_type text/plain;",
    '      return 200 "nginx/$nginx_version\\n";',
    "    }",
    "",
    // Built assets: content-hashed names, so cached for a year.
    "    location ^~ /_next/static/ {",
    `      alias ${p.staticDir}/;`,
    "      include immutable.conf;",
    "    }",
    ...publicLocations(p.publicDir),
    "",
    // The API: paths under /api, /r/NAME/api/…, anything ending in .json (and any bearer request, below).
    "    location = /api { include proxy.conf; proxy_pass http://api; }",
    "    location /api/ { include proxy.conf; proxy_pass http://api; }",
    "    location ~ ^/r/[^/]+/api/ { include proxy.conf; proxy_pass http://api; }",
    "    location ~ \\.json/?$ { include proxy.conf; proxy_pass http://api; }",
    "    location @api { include proxy.conf; proxy_pass http://api; }",
    "",
    // Pages, cached for logged-out readers.
    "    location / {",
    // Reddit's OAuth host answers every path with JSON: a bearer request is an API request.
    "      error_page 418 = @api;",
    "      if ($hm_bearer) { return 418; }",
    "      include proxy.conf;",
    // nginx gzips; the renderer sends identity bytes, so one cached copy serves every client.
    '      proxy_set_header Accept-Encoding "";',
    "      proxy_cache pages;",
    "      proxy_cache_key $scheme$hm_host$request_uri;",
    `      proxy_cache_valid 200 ${front.pageCacheSeconds}s;`,
    "      proxy_cache_use_stale updating error timeout http_500 http_502 http_503 http_504;",
    "      proxy_cache_background_update on;",
    "      proxy_cache_lock on;",
    "      proxy_cache_lock_timeout 10s;",
    "      proxy_cache_lock_age 10s;",
    // Never serve a personal request from the cache, never store its answer or one that sets a cookie.
    "      proxy_cache_bypass $hm_personal;",
    "      proxy_no_cache $hm_personal $upstream_http_set_cookie;",
    // The cache time is ours (cfg.front), not the renderer's `private, no-store`.
    "      proxy_ignore_headers Cache-Control Expires;",
    "      proxy_hide_header Cache-Control;",
    "      add_header Cache-Control $hm_page_cache_control always;",
    "      add_header Vary $hm_page_vary always;",
    "      add_header X-Cache $upstream_cache_status always;",
    "      proxy_pass http://pages;",
    "    }",
    "  }",
    "}",
    "",
  ].join("\n");
  const immutable = ["access_log off;", 'add_header Cache-Control "public, max-age=31536000, immutable";', ""].join("\n");
  const proxy = [
    "proxy_http_version 1.1;",
    'proxy_set_header Connection "";',
    "proxy_set_header Host $hm_host;",
    "proxy_set_header X-Real-IP $remote_addr;",
    "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "proxy_set_header X-Forwarded-Proto $scheme;",
    "proxy_connect_timeout 2s;",
    "proxy_read_timeout 60s;",
    "proxy_send_timeout 60s;",
    // An instance that refused or dropped the connection: try another. Never `non_idempotent`:
    // a POST that reached an instance is never sent to a second one.
    "proxy_next_upstream error timeout;",
    "proxy_next_upstream_tries 3;",
    "proxy_next_upstream_timeout 10s;",
    "",
  ].join("\n");
  return { "nginx.conf": conf, "immutable.conf": immutable, "proxy.conf": proxy };
}

/** Writes the config files; true if any changed. */
export function writeFrontTierConfig(cfg: ServiceConfig, p: FrontTierPaths): boolean {
  for (const sub of ["tmp", "cache"]) mkdirp(path.join(p.dir, sub));
  let changed = false;
  for (const [name, text] of Object.entries(frontTierConfig(cfg, p))) {
    const file = path.join(p.dir, name);
    const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (old !== text) {
      fs.writeFileSync(file, text);
      changed = true;
    }
  }
  return changed;
}

/** GET the health path: resolves to nginx's version line. */
export function probeFrontTier(port: number, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: FRONT_HEALTH_PATH, timeout: timeoutMs, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => {
        const version = /^nginx\/(\S+)/.exec(body)?.[1];
        if (res.statusCode === 200 && version) resolve(version);
        else reject(new Error(`front tier health answered ${res.statusCode}`));
      });
    });
    req.on("timeout", () => req.destroy(new Error("front tier health timed out")));
    req.on("error", reject);
  });
}

/**
 * The front tier: nginx owning the public port (cfg.front.port), routing API requests to the API
 * instances and pages to the page instances, caching logged-out pages. `dir` is its prefix
 * (the stack's is <state>/nginx; a test site has its own).
 */
export function frontTierService(cfg: ServiceConfig, dir = path.join(cfg.stateDir, "nginx"), name = "nginx"): Service & { reload(): Promise<void>; paths: FrontTierPaths } {
  const f: ServiceFiles = { dir, logFile: path.join(dir, "nginx.log"), pidFile: path.join(dir, "nginx.pid") };
  const p = frontTierPaths(dir);
  const confFile = path.join(dir, "nginx.conf");
  const nginxArgs = ["-p", `${dir}/`, "-c", confFile, "-e", path.join(dir, "error.log")];
  const pid = () => pidFromFile(f.pidFile, dir);
  /** Rewrites the config and, if it changed, makes the running nginx load it (SIGHUP). */
  async function reload(): Promise<void> {
    if (!writeFrontTierConfig(cfg, p)) return;
    const running = pid();
    if (running === undefined) return;
    await run(NGINX, [...nginxArgs, "-t", "-q"]);
    process.kill(running, "SIGHUP");
  }
  return {
    name,
    port: cfg.front.port,
    url: `http://127.0.0.1:${cfg.front.port}`,
    dir,
    logFile: f.logFile,
    debPackages: [{ pkg: "nginx-light", probe: NGINX }],
    startTimeoutMs: 15_000,
    // SIGQUIT: graceful (finishes requests in flight); stackDown SIGKILLs after its grace period.
    stopSignal: "SIGQUIT",
    paths: p,
    pid,
    async start() {
      mkdirp(dir);
      writeFrontTierConfig(cfg, p);
      await run(NGINX, [...nginxArgs, "-t", "-q"]);
      return spawnService(f, NGINX, nginxArgs);
    },
    probe: () => probeFrontTier(cfg.front.port),
    // On every stack up: the config follows the ports (API_INSTANCES changed, say).
    setup: () => reload(),
    reload,
  };
}
