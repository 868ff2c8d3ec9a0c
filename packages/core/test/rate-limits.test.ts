import { describe, expect, it } from "vitest";
import { defaultLiveConfig, grantedScope, liveLimits, scopeAllows, staticLimits } from "../src/index.js";

describe("liveLimits", () => {
  it("reads the environment's limits until a live-config document is in force, then the document's", () => {
    const env = defaultLiveConfig().rateLimits;
    env.submit.perAccount = { count: 7, windowSeconds: 60 };
    const doc = defaultLiveConfig();
    doc.rateLimits.submit.perAccount = { count: 900, windowSeconds: 60 };
    // ZooKeeper answering "no document yet" is version 0, the built-in defaults: the environment decides.
    let version = 0;
    const limits = liveLimits({ current: () => doc, status: () => ({ version }) }, staticLimits(env));
    expect(limits.of("submit").perAccount).toEqual({ count: 7, windowSeconds: 60 });
    version = 1;
    expect(limits.of("submit").perAccount).toEqual({ count: 900, windowSeconds: 60 });
  });
});

describe("OAuth scopes", () => {
  it("grants what is asked (space or comma separated), * when nothing is, and refuses unknown scopes", () => {
    expect(grantedScope(undefined)).toBe("*");
    expect(grantedScope("")).toBe("*");
    expect(grantedScope("read,identity")).toBe("identity read");
    expect(grantedScope("read *")).toBe("*");
    expect(grantedScope("read nukes")).toBeNull();
  });

  it("* allows every scope; otherwise only the granted ones", () => {
    expect(scopeAllows("*", "modposts")).toBe(true);
    expect(scopeAllows("identity read", "read")).toBe(true);
    expect(scopeAllows("identity read", "submit")).toBe(false);
    expect(scopeAllows("", "read")).toBe(false);
  });
});
