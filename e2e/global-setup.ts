import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@hivemind/db";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer().once("error", () => reject(new Error(`port ${port} is taken: set E2E_PORT to a free one`)));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Serves the built web app and a worker against a fresh, migrated database of
 * their own, so browser tests never touch the development data. Needs
 * `next build` to have run (npm test does it through turbo).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  const port = process.env.E2E_PORT ?? "3100";
  await assertPortFree(Number(port));
  const env = { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn" };
  // Node itself, not npx: a signal must reach the server, not a wrapper.
  const children: ChildProcess[] = [
    spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], { cwd: root, env, stdio: "inherit" }),
    spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", port], {
      cwd: path.join(root, "apps/web"),
      env,
      stdio: "inherit",
    }),
  ];
  process.env.E2E_DATABASE_URL = database.url;
  const died = new Promise<never>((_, reject) =>
    children.forEach((c) => c.once("exit", (code) => reject(new Error(`a server process exited during start-up (${code})`)))),
  );
  died.catch(() => undefined); // after start-up, exits are teardown's business
  await Promise.race([waitForHttp(`http://127.0.0.1:${port}/`, 60_000), died]);
  return async () => {
    for (const c of children) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on("exit", r)) : undefined)));
    await database.drop();
  };
}
