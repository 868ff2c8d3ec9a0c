import type { Metadata } from "next";
import { UserPageView, userOr404 } from "../../_components/user-page-view";
import type { SearchParams } from "../../_lib/format";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const user = await userOr404((await params).name);
  return { title: `u/${user.name} · hivemind` };
}

/** A profile's overview: karma and the user's recent posts and comments, newest first. */
export default async function UserPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  return <UserPageView name={(await params).name} tab="overview" searchParams={searchParams} />;
}
