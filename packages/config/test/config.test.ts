import { describe, expect, it } from "vitest";
import { ConfigError, assertSafeForProduction, envToCfg } from "../src/index.js";

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

describe("rate limits", () => {
  it("default to the live config's defaults and are overridden per action and scope", () => {
    const cfg = envToCfg({ RATE_LIMIT_SUBMIT_PER_ACCOUNT: "3/60", RATE_LIMIT_VOTE_PER_ADDRESS: "off" } as never);
    expect(cfg.rateLimits.submit.perAccount).toEqual({ count: 3, windowSeconds: 60 });
    expect(cfg.rateLimits.vote.perAddress).toBeNull();
    expect(cfg.rateLimits.register).toEqual({ perAccount: null, perAddress: { count: 5, windowSeconds: 3600 } });
  });

  it("names a malformed limit variable", () => {
    expect(() => envToCfg({ RATE_LIMIT_CREATE_COMMUNITY_PER_ACCOUNT: "lots" } as never)).toThrow(/RATE_LIMIT_CREATE_COMMUNITY_PER_ACCOUNT/);
  });
});

describe("production", () => {
  it("refuses the default database password when NODE_ENV=production", () => {
    expect(() => assertSafeForProduction(envToCfg({ NODE_ENV: "production" } as never))).toThrow(/default database password/);
    expect(() => assertSafeForProduction(envToCfg({ NODE_ENV: "production", DATABASE_URL: "postgresql://u:hivemind@127.0.0.1:1/x" } as never))).toThrow(ConfigError);
    expect(() => assertSafeForProduction(envToCfg({ NODE_ENV: "production", PG_PASSWORD: "s3cret-of-ours" } as never))).not.toThrow();
    expect(() => assertSafeForProduction(envToCfg({}))).not.toThrow();
  });
});
