import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OWNER_TABS, UserPageView, userOr404, type UserTab } from "../../../_components/user-page-view";
import type { SearchParams } from "../../../_lib/format";

type Params = Promise<{ name: string; tab: string }>;

function tabOr404(tab: string): UserTab {
  // /user/NAME/overview is /user/NAME, as on reddit.
  if (tab !== "overview" && tab !== "submitted" && tab !== "comments" && !(OWNER_TABS as readonly string[]).includes(tab)) notFound();
  return tab as UserTab;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name, tab } = await params;
  const user = await userOr404(name);
  return { title: `u/${user.name}'s ${tabOr404(tab)} · hivemind` };
}

/** The user's submitted or comments listing (?sort=hot|new|top|controversial, ?t= for top and controversial), or their own saved, hidden, upvoted or downvoted list. */
export default async function UserListingPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { name, tab } = await params;
  return <UserPageView name={name} tab={tabOr404(tab)} searchParams={searchParams} />;
}
