import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UserPageView, userOr404 } from "../../../_components/user-page-view";
import type { SearchParams } from "../../../_lib/format";

type Params = Promise<{ name: string; tab: string }>;

function tabOr404(tab: string): "submitted" | "comments" {
  if (tab !== "submitted" && tab !== "comments") notFound();
  return tab;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name, tab } = await params;
  const user = await userOr404(name);
  return { title: `u/${user.name}'s ${tabOr404(tab)} · hivemind` };
}

/** The user's submitted or comments listing (?sort=hot|new|top|controversial, ?t= for top and controversial). */
export default async function UserListingPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { name, tab } = await params;
  return <UserPageView name={name} tab={tabOr404(tab)} searchParams={searchParams} />;
}
