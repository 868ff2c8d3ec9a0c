import { notFound } from "next/navigation";
import { INBOX_VIEWS, type InboxView } from "@hivemind/domain";
import { InboxPageView } from "../../_components/inbox-view";
import type { SearchParams } from "../../_lib/format";

export const metadata = { title: "messages · hivemind" };

type Params = Promise<{ where: string }>;

/** /message/inbox, /unread, /messages, /comments, /sent. */
export default async function InboxPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { where } = await params;
  if (!(INBOX_VIEWS as readonly string[]).includes(where)) notFound();
  return <InboxPageView where={where as InboxView} searchParams={searchParams} />;
}
