import type { Metadata } from "next";
import { DomainPageView } from "../../_components/domain-page-view";
import type { SearchParams } from "../../_lib/format";

type Params = Promise<{ domain: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `links to ${decodeURIComponent((await params).domain)} · hivemind` };
}

/** Links to a domain, hot. */
export default async function DomainPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  return <DomainPageView domain={(await params).domain} sort="hot" searchParams={searchParams} />;
}
