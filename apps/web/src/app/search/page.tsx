import { SearchView } from "../_components/search-view";
import type { SearchParams } from "../_lib/format";

export const metadata = { title: "search · hivemind" };

/** Search every community's posts. */
export default function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  return <SearchView searchParams={searchParams} />;
}
