import { z } from "zod";
import { liveConfigStatusSchema } from "@hivemind/coord";
import { defineRoute } from "../http/route.js";

const healthResponse = z.object({
  status: z.literal("ok"),
  role: z.literal("api"),
  pid: z.number().int(),
  /** The live config this process runs on: its version and where it came from. */
  config: liveConfigStatusSchema,
  readOnly: z.boolean(),
});

/** `GET /api/health`: this instance is up, and the live-config version it runs (ops health reads it). */
export const healthRoutes = [
  defineRoute({
    method: "GET",
    path: "/api/health",
    auth: "none",
    scope: "none",
    input: z.object({}),
    summary: "this API instance's health and the live-config version it runs",
    response: healthResponse,
    tags: ["ops"],
    async handler({ services }) {
      return { status: "ok" as const, role: "api" as const, pid: process.pid, config: services.live.status(), readOnly: services.live.current().readOnly.enabled };
    },
  }),
];
