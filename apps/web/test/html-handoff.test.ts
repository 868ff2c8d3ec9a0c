import { describe, expect, it, vi } from "vitest";
import { handOffHtml, takeHandedOffHtml } from "../src/app/_components/html-handoff.js";

describe("html handoff", () => {
  it("gives each block its own token and hands it back once", () => {
    const a = handOffHtml("<p>a</p>");
    const b = handOffHtml("<p>b</p>");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[a-z0-9-]+$/);
    expect(takeHandedOffHtml(b)).toBe("<p>b</p>");
    expect(takeHandedOffHtml(a)).toBe("<p>a</p>");
    expect(takeHandedOffHtml(a)).toBeUndefined();
  });

  it("sweeps a block never taken once it is 30 s old, and keeps the younger ones", () => {
    const t0 = 1_000_000;
    const old = handOffHtml("old", t0);
    const young = handOffHtml("young", t0 + 20_000);
    handOffHtml("now", t0 + 30_000);
    expect(takeHandedOffHtml(old)).toBeUndefined();
    expect(takeHandedOffHtml(young)).toBe("young");
  });

  it("is one store for every copy of the module in the process (the server and HTML-render bundles)", async () => {
    const token = handOffHtml("shared");
    vi.resetModules();
    const copy = await import("../src/app/_components/html-handoff.js");
    expect(copy.takeHandedOffHtml).not.toBe(takeHandedOffHtml);
    expect(copy.takeHandedOffHtml(token)).toBe("shared");
  });
});
