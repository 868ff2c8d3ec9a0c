import type { Metadata } from "next";
import { CommunityPageView } from "../../_components/community-page-view";
import { communityOr404 } from "../../_lib/community";
import type { SearchParams } from "../../_lib/format";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const c = await communityOr404((await params).name);
  return { title: `${c.title || c.name} · r/${c.name}` };
}

/** A community's hot listing. */
export default async function CommunityPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  return <CommunityPageView name={(await params).name} sort="hot" searchParams={searchParams} />;
}
