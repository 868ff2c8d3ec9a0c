import { headers } from "next/headers";
import { handOffHtml } from "./html-handoff";
import { LiveThings, type LiveThingsProps } from "./live-things";

/**
 * Things rendered as HTML on the server, their buttons live (live-things.tsx). A document (the
 * browser asked for text/html) gets the HTML once, in the page, through html-handoff.ts; a client
 * navigation or refresh (an RSC request, which never asks for text/html) gets it in the payload,
 * as there is no HTML render to carry it.
 */
export async function ThingsHtml({ html, ...props }: { html: string } & Omit<LiveThingsProps, "html" | "handoff">) {
  const isDocument = (await headers()).get("accept")?.includes("text/html") ?? false;
  return isDocument ? <LiveThings handoff={handOffHtml(html)} {...props} /> : <LiveThings html={html} {...props} />;
}
