import { z } from "zod";

/**
 * reddit's validatedForm answer: `{json:{errors:[]}}`, with `data` when set.
 * (PRAW raises on non-empty errors; success errors are [] here, since
 * failures are 4xx responses carrying json.errors.)
 */
export const formOkSchema = z.object({ json: z.object({ errors: z.array(z.tuple([z.string(), z.string(), z.string()])) }) });

export function formOk(): z.infer<typeof formOkSchema> {
  return { json: { errors: [] } };
}
