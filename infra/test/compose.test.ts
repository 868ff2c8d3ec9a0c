import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envToCfg, repoRoot } from "@hivemind/config";
import { stackServices } from "../src/services/index.js";

interface ComposeService {
  image: string;
  ports?: string[];
}

const compose = parse(fs.readFileSync(path.join(repoRoot, "infra", "compose.yaml"), "utf8"), { merge: true }) as {
  services: Record<string, ComposeService>;
};

/** "127.0.0.1:55432:5432" → 55432 (the published, host-side port). */
const hostPort = (spec: string): number => Number(spec.split(":").at(-2));

describe("infra/compose.yaml", () => {
  // The front tier (nginx) always runs from the launcher: it fronts app processes on the host.
  const services = stackServices(envToCfg({})).filter((s) => s.name !== "nginx");

  it("has exactly the launcher's services", () => {
    expect(Object.keys(compose.services).sort()).toEqual(services.map((s) => s.name).sort());
  });

  it.each(services.map((s) => [s.name, s.port] as const))("publishes %s on the launcher's port %i, on loopback only", (name, port) => {
    const ports = compose.services[name]?.ports ?? [];
    expect(ports.map(hostPort)).toContain(port);
    for (const p of ports) expect(p.startsWith("127.0.0.1:")).toBe(true);
  });

  it("runs the same major versions as the launcher", () => {
    const images = Object.fromEntries(Object.entries(compose.services).map(([n, s]) => [n, s.image]));
    expect(images).toMatchObject({
      postgres: "postgres:15",
      "redis-0": "redis:7",
      zookeeper: "zookeeper:3.8",
      cassandra: "cassandra:5.0",
    });
    expect(images.kafka).toMatch(/^apache\/kafka:3\.9\./);
  });
});
