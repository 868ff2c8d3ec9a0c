import { handleApi } from "../../../server/api.js";

// Every API request lands here, rewritten by src/proxy.ts; the original
// canonical path travels in the x-api-path header.
export const dynamic = "force-dynamic";

async function handle(req: Request): Promise<Response> {
  const apiPath = req.headers.get("x-api-path") ?? new URL(req.url).pathname.replace(/^\/rapi/, "");
  return handleApi(req, apiPath);
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
