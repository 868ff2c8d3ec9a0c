import type { Metadata } from "next";
import { siteListingOf } from "@hivemind/core";
import { SearchView } from "../../../_components/search-view";
import { communityOr404 } from "../../../_lib/community";
import type { SearchParams } from "../../../_lib/format";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: siteListingOf(name) ? "search · hivemind" : `search r/${(await communityOr404(name)).name}` };
}

/** Search a community's posts (restrict_sr), or every community's from its page; r/all and r/popular search everything. */
export default async function CommunitySearchPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { name } = await params;
  return <SearchView community={siteListingOf(name) ? undefined : await communityOr404(name)} searchParams={searchParams} />;
}
