import { describe, expect, it } from "vitest";
import { murmur3 } from "../src/murmur3.js";

describe("murmur3", () => {
  it("matches the reference MurmurHash3_x86_32 vectors", () => {
    const vectors: [string, number, number][] = [
      ["", 0, 0],
      ["", 1, 0x514e28b7],
      ["", 0xffffffff, 0x81f16f39],
      ["abc", 0, 0xb3dd93fa],
      ["abcd", 0, 0x43ed676a],
      ["hello", 0, 0x248bfa47],
      ["Hello, world!", 1234, 0xfaf6cdb3],
      ["The quick brown fox jumps over the lazy dog", 0, 0x2e4ff723],
    ];
    for (const [s, seed, want] of vectors) expect(murmur3(s, seed), `${JSON.stringify(s)} seed ${seed}`).toBe(want);
  });

  it("hashes the UTF-8 bytes of non-ASCII strings", () => {
    // Reference values over the bytes e2 82 ac and 63 61 66 c3 a9.
    expect(murmur3("€")).toBe(0x5b43fca5);
    expect(murmur3("café")).toBe(0x241c0f08);
  });
});
