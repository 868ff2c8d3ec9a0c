import type { Metadata } from "next";
import { siteListingOf } from "@hivemind/core";
import { CommunityPageView } from "../../_components/community-page-view";
import { SiteListingView } from "../../_components/site-listing-view";
import { communityOr404 } from "../../_lib/community";
import type { SearchParams } from "../../_lib/format";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  const site = siteListingOf(name);
  if (site) return { title: `r/${site} · hivemind` };
  const c = await communityOr404(name);
  return { title: `${c.title || c.name} · r/${c.name}` };
}

/** A community's hot listing (r/all and r/popular: the site's). */
export default async function CommunityPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { name } = await params;
  const site = siteListingOf(name);
  if (site) return <SiteListingView which={site} sort="hot" searchParams={searchParams} />;
  return <CommunityPageView name={name} sort="hot" searchParams={searchParams} />;
}
