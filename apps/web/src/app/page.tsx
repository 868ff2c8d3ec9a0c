import { FrontPageView } from "./_components/front-page-view";
import type { SearchParams } from "./_lib/format";

/** The front page, hot. */
export default function FrontPage({ searchParams }: { searchParams: SearchParams }) {
  return <FrontPageView sort="hot" searchParams={searchParams} />;
}
