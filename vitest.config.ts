import { defineConfig } from "vitest/config";

// Two projects: `unit` is pure logic and needs nothing running; `integration`
// talks to the real stack (npm test starts it) and runs files one at a time,
// since they share the services.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts", "infra/test/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/*/test/**/*.int.test.ts", "apps/*/test/**/*.int.test.ts", "infra/test/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          fileParallelism: false,
          // Keep the run readable: services log warnings and errors only (override with LOG_LEVEL).
          env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
