import { CommunityDirectory } from "../_components/community-directory";
import type { SearchParams } from "../_lib/format";

export const metadata = { title: "communities · hivemind" };

/** The community directory, most subscribers first. */
export default function CommunitiesPage({ searchParams }: { searchParams: SearchParams }) {
  return <CommunityDirectory order="popular" searchParams={searchParams} />;
}
