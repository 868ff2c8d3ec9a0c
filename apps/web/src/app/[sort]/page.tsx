import { FrontPageView } from "../_components/front-page-view";
import type { SearchParams } from "../_lib/format";
import { sortOr404 } from "../_lib/listing";

/** The front page under another sort: /new/, /rising/, /top/?t=week, /controversial/?t=… */
export default async function FrontSortPage({ params, searchParams }: { params: Promise<{ sort: string }>; searchParams: SearchParams }) {
  return <FrontPageView sort={sortOr404((await params).sort)} searchParams={searchParams} />;
}
