import { appCoordination } from "../../server/coordination";

export const dynamic = "force-dynamic";

/** This page instance's health and the live-config version it runs (`ops health` reads it). */
export async function GET(): Promise<Response> {
  const health = await (await appCoordination()).health();
  return Response.json(health, { headers: { "cache-control": "no-store" } });
}
