import { NextResponse, type NextRequest } from "next/server";
import { API_MOUNT, apiPathOf } from "./server/http/api-path";

/** Sends API requests (see api-path.ts) to the one API route handler. */
export function proxy(request: NextRequest) {
  const apiPath = apiPathOf(request.nextUrl.pathname, request.headers.get("authorization"));
  if (apiPath === null) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = API_MOUNT + apiPath;
  const headers = new Headers(request.headers);
  headers.set("x-api-path", apiPath);
  return NextResponse.rewrite(url, { request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|rapi/).*)"],
};
