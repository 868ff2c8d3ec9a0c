import { defineConfig } from "@playwright/test";

// A public port of this run's own (workers inherit the env, so they agree on it); the site's app
// instances take the ports right after it. Two checkouts testing at once must not reach each
// other's site. Below the kernel's ephemeral range, apart from siteConfig()'s random blocks.
process.env.E2E_PORT ??= String(30000 + (process.pid % 600) * 4);
const port = Number(process.env.E2E_PORT);
// Every browser here signs up from one address (127.0.0.1 through nginx): lift the per-address
// sign-up limit for this site, as a load test would (a setting, not a code change).
process.env.RATE_LIMIT_REGISTER_PER_ADDRESS ??= "off";

// Debian's chromium, never a downloaded browser. The flags keep it from
// reaching for the network this machine does not have.
export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  globalSetup: "./global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    },
  },
  outputDir: "../.state/e2e-results",
});
