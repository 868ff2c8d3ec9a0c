import { describe, expect, it } from "vitest";
import { clientIp } from "../src/server/auth/client-ip.js";

const req = (headers: Record<string, string>) => new Request("http://127.0.0.1/api/login", { headers });

describe("clientIp", () => {
  it("behind one trusted proxy takes the address that proxy appended, not what the client forged", () => {
    expect(clientIp(req({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }), 1)).toBe("203.0.113.7");
  });

  it("behind two proxies takes the second entry from the right", () => {
    expect(clientIp(req({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
  });

  it("with no proxy takes the one entry Next.js fills from the socket", () => {
    expect(clientIp(req({ "x-forwarded-for": "198.51.100.4" }), 0)).toBe("198.51.100.4");
  });

  it("falls back to X-Real-IP, then one shared bucket", () => {
    expect(clientIp(req({ "x-real-ip": "192.0.2.9" }), 1)).toBe("192.0.2.9");
    expect(clientIp(req({}), 0)).toBe("unknown");
  });
});
