import { CommunityDirectory } from "../../_components/community-directory";
import type { SearchParams } from "../../_lib/format";

export const metadata = { title: "new communities · hivemind" };

/** The community directory, newest first. */
export default function NewCommunitiesPage({ searchParams }: { searchParams: SearchParams }) {
  return <CommunityDirectory order="new" searchParams={searchParams} />;
}
