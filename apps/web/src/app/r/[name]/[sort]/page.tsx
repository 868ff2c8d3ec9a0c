import type { Metadata } from "next";
import { siteListingOf } from "@hivemind/core";
import { CommunityPageView } from "../../../_components/community-page-view";
import { SiteListingView } from "../../../_components/site-listing-view";
import { communityOr404 } from "../../../_lib/community";
import type { SearchParams } from "../../../_lib/format";
import { sortOr404 } from "../../../_lib/listing";

type Params = Promise<{ name: string; sort: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name, sort } = await params;
  const site = siteListingOf(name);
  if (site) return { title: `r/${site} (${sortOr404(sort)}) · hivemind` };
  const c = await communityOr404(name);
  return { title: `${c.title || c.name} (${sortOr404(sort)}) · r/${c.name}` };
}

/** A community's listing under a sort: /r/x/new/, /r/x/top/?t=week … (r/all and r/popular: the site's). */
export default async function CommunitySortPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { name, sort } = await params;
  const site = siteListingOf(name);
  if (site) return <SiteListingView which={site} sort={sortOr404(sort)} searchParams={searchParams} />;
  return <CommunityPageView name={name} sort={sortOr404(sort)} searchParams={searchParams} />;
}
