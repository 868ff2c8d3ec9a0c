import { notFound } from "next/navigation";
import { cache } from "react";
import type { Community } from "@hivemind/db";
import { findCommunityByName } from "@hivemind/domain";
import { appServices } from "../../server/services";

/** The community named in the URL, or the 404 page. */
export const communityOr404 = cache(async (rawName: string): Promise<Community> => {
  const name = decodeURIComponent(rawName);
  if (!/^[A-Za-z0-9_]{1,21}$/.test(name)) notFound();
  const community = await findCommunityByName(await appServices(), name);
  if (!community) notFound();
  return community;
});
