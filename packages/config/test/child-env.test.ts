import { describe, expect, it } from "vitest";
import { cfgToEnv, envToCfg } from "../src/index.js";

describe("cfgToEnv", () => {
  it("gives a child process the environment that rebuilds the same config", () => {
    const cfg = envToCfg({ PORT: "3100", API_INSTANCES: "3", API_PORT_BASE: "40000", API_PORT: "40001", PAGE_PORT_BASE: "40100", DATABASE_URL: "postgresql://a:b@127.0.0.1:5/x", TRUSTED_PROXY_HOPS: "1", RATE_LIMIT_SUBMIT_PER_ADDRESS: "off", RATE_LIMIT_VOTE_PER_ACCOUNT: "9/60" } as never);
    expect(envToCfg(cfgToEnv(cfg) as never)).toEqual(cfg);
  });
});
