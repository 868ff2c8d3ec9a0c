import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envToCfg } from "@hivemind/config";
import { frontTierConfig, frontTierPaths, writeFrontTierConfig } from "../src/services/nginx.js";

const cfg = envToCfg({ PORT: "3999", API_INSTANCES: "3", API_PORT_BASE: "41000", PAGE_INSTANCES: "2", PAGE_PORT_BASE: "41100", PAGE_CACHE_SECONDS: "7", PAGE_STALE_SECONDS: "40" } as never);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "front-tier-"));
const conf = frontTierConfig(cfg, frontTierPaths(dir));

describe("the front tier's nginx config, written from the config's ports", () => {
  it("owns the public port and balances over every API and page instance, kept alive 60 s", () => {
    const text = conf["nginx.conf"];
    expect(text).toContain("listen 127.0.0.1:3999");
    for (const port of [41000, 41001, 41002, 41100, 41101]) expect(text).toContain(`server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`);
    expect(text).toContain("keepalive_timeout 60s;");
    expect(text).toContain("least_conn;");
  });

  it("retries only what was never sent: error and timeout, never non_idempotent", () => {
    expect(conf["proxy.conf"]).toContain("proxy_next_upstream error timeout;");
    expect(Object.values(conf).join("\n")).not.toContain("non_idempotent");
  });

  it("caches logged-out pages for the configured time and never personal ones", () => {
    const text = conf["nginx.conf"];
    expect(text).toContain("proxy_cache_valid 200 7s;");
    expect(text).toContain('"public, s-maxage=7, stale-while-revalidate=40"');
    expect(text).toContain("proxy_cache_bypass $hm_personal;");
    expect(text).toContain("proxy_no_cache $hm_personal $upstream_http_set_cookie;");
    expect(text).toContain("$cookie_hm_session");
    expect(text).toContain("proxy_cache_lock on;");
    expect(text).toContain("proxy_cache_background_update on;");
    expect(text).toContain("add_header Vary $hm_page_vary always;");
  });

  it("passes the client address from the socket", () => {
    expect(conf["proxy.conf"]).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    expect(conf["proxy.conf"]).toContain("proxy_set_header X-Real-IP $remote_addr;");
  });

  it.runIf(fs.existsSync("/usr/sbin/nginx"))("is valid for nginx -t", () => {
    writeFrontTierConfig(cfg, frontTierPaths(dir));
    expect(() => execFileSync("/usr/sbin/nginx", ["-p", `${dir}/`, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log"), "-t", "-q"], { stdio: "pipe" })).not.toThrow();
  });
});
