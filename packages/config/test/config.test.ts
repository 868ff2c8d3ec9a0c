import { describe, expect, it } from "vitest";
import { ConfigError, envToCfg } from "../src/index.js";

describe("envToCfg", () => {
  it("defaults every port away from the standard ones", () => {
    const cfg = envToCfg({});
    expect(cfg.postgres.port).toBe(55432);
    expect(cfg.redis.nodes.map((n) => n.port)).toEqual([56379, 56380, 56381]);
    expect(cfg.kafka.brokers).toEqual(["127.0.0.1:59092"]);
    expect(cfg.cassandra.keyspace).toBe("hivemind_dev");
  });

  it("reads overrides", () => {
    const cfg = envToCfg({ PG_PORT: "6000", REDIS_PORTS: "7000,7001", HIVEMIND_ENV: "test" });
    expect(cfg.postgres.url).toBe("postgresql://hivemind:hivemind@127.0.0.1:6000/hivemind");
    expect(cfg.redis.nodes).toHaveLength(2);
    expect(cfg.cassandra.keyspace).toBe("hivemind_test");
  });

  it("names the variable that is malformed", () => {
    expect(() => envToCfg({ PG_PORT: "not-a-port" })).toThrow(ConfigError);
    expect(() => envToCfg({ REDIS_PORTS: "1,x" })).toThrow(/REDIS_PORTS/);
  });
});
