import { describe, expect, it } from "vitest";
import {
  ValidationError,
  defaultLiveConfig,
  diffLiveConfig,
  liveConfigValueAt,
  parseLiveConfig,
  parseLiveConfigAssignment,
  withLiveConfigValue,
} from "../src/index.js";

function refusal(input: unknown): ValidationError {
  try {
    parseLiveConfig(input);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error("accepted");
}

describe("live config schema", () => {
  it("an empty document is the defaults, every field filled in", () => {
    const d = parseLiveConfig({});
    expect(d).toEqual(defaultLiveConfig());
    expect(d.readOnly.enabled).toBe(false);
    expect(d.rateLimits.register.perAccount).toBeNull();
    expect(d.listings.maxItems).toBe(1000);
    expect(d.ejection).toEqual({ failures: 3, checkIntervalMs: 250, timeoutMs: 200, healthyPeriodMs: 10_000 });
  });

  it("a partial document keeps the defaults of the fields it leaves out", () => {
    const d = parseLiveConfig({ readOnly: { enabled: true }, rateLimits: { vote: { perAccount: { count: 10, windowSeconds: 60 } } } });
    expect(d.readOnly.message).toBe(defaultLiveConfig().readOnly.message);
    expect(d.rateLimits.vote.perAddress).toEqual(defaultLiveConfig().rateLimits.vote.perAddress);
  });

  it("a bad value is refused naming the field", () => {
    expect(refusal({ ejection: { failures: 0 } }).field).toBe("ejection.failures");
    expect(refusal({ readOnly: { enabled: "yes" } }).field).toBe("readOnly.enabled");
    expect(refusal({ fastlane: ["t3_ok", "nope"] }).field).toBe("fastlane.1");
  });

  it("an unknown key (a typo) is refused naming it", () => {
    const err = refusal({ readOnly: { enabeld: true } });
    expect(err.field).toBe("readOnly.enabeld");
    expect(err.message).toBe("live config: readOnly.enabeld: unknown field");
  });
});

describe("KEY=VALUE assignments and diffs", () => {
  it("values are JSON when they parse, plain strings otherwise", () => {
    expect(parseLiveConfigAssignment("readOnly.enabled=true")).toEqual({ key: "readOnly.enabled", value: true });
    expect(parseLiveConfigAssignment('fastlane=["t3_a"]')).toEqual({ key: "fastlane", value: ["t3_a"] });
    expect(parseLiveConfigAssignment("readOnly.message=back at noon")).toEqual({ key: "readOnly.message", value: "back at noon" });
    expect(() => parseLiveConfigAssignment("novalue")).toThrow(ValidationError);
  });

  it("setting a path replaces one leaf and the diff lists exactly it", () => {
    const d = defaultLiveConfig();
    const next = parseLiveConfig(withLiveConfigValue(d, "cache.thingTtlSeconds", 60));
    expect(liveConfigValueAt(next, "cache.thingTtlSeconds")).toBe(60);
    expect(diffLiveConfig(d, next)).toEqual([{ key: "cache.thingTtlSeconds", from: 3600, to: 60 }]);
    expect(diffLiveConfig(d, d)).toEqual([]);
  });

  it("prototype keys are not field paths", () => {
    expect(() => withLiveConfigValue({}, "__proto__.x", 1)).toThrow(ValidationError);
  });
});
