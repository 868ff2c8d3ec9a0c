import type { Metadata } from "next";
import { DomainPageView } from "../../../_components/domain-page-view";
import type { SearchParams } from "../../../_lib/format";
import { sortOr404 } from "../../../_lib/listing";

type Params = Promise<{ domain: string; sort: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { domain, sort } = await params;
  return { title: `links to ${decodeURIComponent(domain)} (${sortOr404(sort)}) · hivemind` };
}

/** Links to a domain under a sort. */
export default async function DomainSortPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { domain, sort } = await params;
  return <DomainPageView domain={domain} sort={sortOr404(sort)} searchParams={searchParams} />;
}
