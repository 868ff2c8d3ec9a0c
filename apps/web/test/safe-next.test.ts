import { describe, expect, it } from "vitest";
import { safeNext } from "../src/app/_lib/safe-next.js";

const ORIGIN = "http://127.0.0.1:3000";

describe("safeNext", () => {
  it("keeps a path on this origin, with its query and fragment", () => {
    expect(safeNext("/r/pics/comments/1?sort=new#c", ORIGIN)).toBe("/r/pics/comments/1?sort=new#c");
    expect(safeNext("/subreddits", ORIGIN)).toBe("/subreddits");
  });

  it("sends home anything a browser would resolve to another origin", () => {
    for (const next of ["/\\evil.example", "/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\\\evil.example", "https://evil.example/", "javascript:alert(1)", "evil.example", ""]) {
      expect(safeNext(next, ORIGIN)).toBe("/");
    }
    expect(safeNext(undefined, ORIGIN)).toBe("/");
  });
});
