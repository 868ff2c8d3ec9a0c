import { expect, it } from "vitest";
import { ValidationError } from "@hivemind/core";
import { isRepeatableFailure } from "../src/index.js";

it("calls a bug or data the code cannot take repeatable, and an outage not", () => {
  expect(isRepeatableFailure(new RangeError("domain must be a nonempty lowercase host"))).toBe(true);
  expect(isRepeatableFailure(new TypeError("cannot read properties of undefined"))).toBe(true);
  expect(isRepeatableFailure(new ValidationError("bad", { field: "x" }))).toBe(true);
  expect(isRepeatableFailure(Object.assign(new Error("invalid input syntax for type bigint"), { code: "22P02" }))).toBe(true);
  expect(isRepeatableFailure(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(true);

  expect(isRepeatableFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(false);
  expect(isRepeatableFailure(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe(false);
  expect(isRepeatableFailure(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(false);
  expect(isRepeatableFailure(new Error("Operation timed out"))).toBe(false);
  expect(isRepeatableFailure("a string")).toBe(false);
});
