import { z } from "zod";
import { defineRoute } from "../http/route.js";
import { reportThing } from "@hivemind/domain";
import { jsonOk, jsonOkSchema } from "@hivemind/present";

const reportInput = z.object({
  thing_id: z.string().optional(),
  id: z.string().optional(),
  reason: z.string().optional(),
  other_reason: z.string().optional(),
  site_reason: z.string().optional(),
  rule_reason: z.string().optional(),
  custom_text: z.string().optional(),
});

/** reddit's report form: `reason`, or the free text of other_reason/custom_text when reason is "other" or absent. */
function reasonOf(input: z.output<typeof reportInput>): string {
  const free = [input.other_reason, input.custom_text, input.site_reason, input.rule_reason].find((s) => s !== undefined && s.trim() !== "");
  if (input.reason === undefined || input.reason.trim() === "" || input.reason.trim().toLowerCase() === "other") return free ?? input.reason ?? "";
  return input.reason;
}

export const reportRoutes = [
  defineRoute({
    method: "POST",
    path: "/api/report",
    scope: "report",
    rateLimit: "report",
    auth: "required",
    summary: "Report a post or comment to the community's moderators",
    tags: ["reports"],
    input: reportInput,
    response: jsonOkSchema,
    async handler({ input, actor, services }) {
      await reportThing(services, actor, { thingId: input.thing_id ?? input.id ?? "", reason: reasonOf(input) });
      return jsonOk();
    },
  }),
];
