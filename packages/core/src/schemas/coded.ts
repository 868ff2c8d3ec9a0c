import type { ErrorCode } from "../errors.js";

/**
 * Refinement options that make `fromZodError` report `code` (zod keeps `params` on custom
 * issues only, so a check that needs a specific reddit code is written as a refinement).
 */
export function coded(code: ErrorCode, message: string): { message: string; params: { code: ErrorCode } } {
  return { message, params: { code } };
}
