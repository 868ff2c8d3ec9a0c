import { describe, expect, it } from "vitest";
import { Breaker } from "../src/breaker.js";

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("Breaker", () => {
  it("opens after threshold failures within the window, and only then", () => {
    const c = clock();
    const b = new Breaker({ threshold: 3, windowMs: 1000, openMs: 500 }, c.now);
    expect(b.failure()).toBe(false);
    expect(b.failure()).toBe(false);
    expect(b.allowsRequests).toBe(true);
    expect(b.failure()).toBe(true);
    expect(b.state).toBe("open");
    expect(b.allowsRequests).toBe(false);
  });

  it("failures older than the window do not count", () => {
    const c = clock();
    const b = new Breaker({ threshold: 3, windowMs: 1000, openMs: 500 }, c.now);
    b.failure();
    b.failure();
    c.advance(1001);
    expect(b.failure()).toBe(false);
    expect(b.state).toBe("closed");
    expect(b.recentFailures).toBe(1);
  });

  it("goes half-open after openMs; a failed probe opens it for another period, a good one closes it", () => {
    const c = clock();
    const b = new Breaker({ threshold: 1, windowMs: 1000, openMs: 500 }, c.now);
    b.failure();
    c.advance(499);
    expect(b.state).toBe("open");
    b.failure(); // in flight when it opened: does not extend the period
    c.advance(1);
    expect(b.state).toBe("half-open");
    expect(b.allowsRequests).toBe(false); // the owner's probe decides
    b.failure();
    expect(b.state).toBe("open");
    c.advance(500);
    expect(b.state).toBe("half-open");
    b.close();
    expect(b.state).toBe("closed");
    expect(b.recentFailures).toBe(0);
  });

  it("trip opens it at once", () => {
    const b = new Breaker({ threshold: 5, windowMs: 1000, openMs: 500 });
    b.trip();
    expect(b.state).toBe("open");
  });

  it("says how long an open breaker has left before its probe", () => {
    const c = clock();
    const b = new Breaker({ threshold: 1, windowMs: 1000, openMs: 500 }, c.now);
    expect(b.msUntilHalfOpen).toBe(0);
    b.failure();
    expect(b.msUntilHalfOpen).toBe(500);
    c.advance(499);
    expect(b.msUntilHalfOpen).toBe(1);
    c.advance(1);
    expect(b.state).toBe("half-open");
    expect(b.msUntilHalfOpen).toBe(0);
  });
});
