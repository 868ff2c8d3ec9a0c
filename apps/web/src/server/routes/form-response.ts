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

/** A JSON response that also sets cookies (login, register, logout). */
export function jsonWithCookies(body: unknown, cookies: string[]): Response {
  const headers = new Headers({ "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(JSON.stringify(body), { status: 200, headers });
}
