import { describe, expect, it } from "vitest";
import { InFlight } from "../src/http/in-flight.js";

describe("InFlight (what shutdown waits for)", () => {
  it("drains at once when nothing runs, and only after the last running handler otherwise", async () => {
    const inFlight = new InFlight();
    expect(await inFlight.drained(10)).toBe(true);
    let finish!: () => void;
    const slow = inFlight.run(() => new Promise<string>((resolve) => (finish = () => resolve("done"))));
    const failing = inFlight.run(async () => {
      throw new Error("refused");
    });
    await expect(failing).rejects.toThrow("refused");
    expect(await inFlight.drained(20)).toBe(false);
    const drained = inFlight.drained(5_000);
    finish();
    expect(await slow).toBe("done");
    expect(await drained).toBe(true);
  });
});
