import type { Metadata } from "next";
import Link from "next/link";
import { viewerRelation, listPosts } from "@hivemind/domain";
import { appServices } from "../../../server/services";
import { CommunitySidebar } from "../../_components/community-sidebar";
import { PostListing } from "../../_components/post-listing";
import { communityOr404 } from "../../_lib/community";
import { param, type SearchParams } from "../../_lib/format";
import { currentActor } from "../../current-user";

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const c = await communityOr404((await params).name);
  return { title: `${c.title || c.name} · r/${c.name}` };
}

export default async function CommunityPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const [{ name }, sp] = await Promise.all([params, searchParams]);
  const community = await communityOr404(name);
  const [services, actor] = await Promise.all([appServices(), currentActor()]);
  const [page, relation] = await Promise.all([
    listPosts(services.db, actor, { communityId: community.id, after: param(sp.after), before: param(sp.before) }),
    viewerRelation(services, actor, community),
  ]);
  const now = services.now();
  return (
    <>
      <header className="community-header">
        <h1>
          <Link href={`/r/${community.name}`}>r/{community.name}</Link>
        </h1>
        {community.title !== community.name ? <p>{community.title}</p> : null}
      </header>
      <div className="with-side side-first">
        <div className="content">
          <PostListing
            page={page}
            basePath={`/r/${community.name}`}
            viewer={{ userId: actor?.userId ?? null, now }}
            showCommunity={false}
            emptyText={
              <>
                No posts in r/{community.name} yet. <Link href={`/r/${community.name}/submit`}>Submit the first one</Link>.
              </>
            }
          />
        </div>
        <CommunitySidebar community={community} relation={relation} loggedIn={actor !== null} now={now} />
      </div>
    </>
  );
}
