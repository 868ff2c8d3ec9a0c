import { notFound } from "next/navigation";
import { domainKey, domainOwner, type LinkSort } from "@hivemind/core";
import { readServices } from "../../server/services";
import type { SearchParams } from "../_lib/format";
import { listingUrl, type ListingLinks } from "../_lib/listing";
import { currentActor } from "../current-user";
import { PostListing } from "./post-listing";

/** The links to one domain under a sort: /domain/example.com, /domain/example.com/top/?t=week … */
export async function DomainPageView({ domain: raw, sort, searchParams }: { domain: string; sort: LinkSort; searchParams: SearchParams }) {
  const domain = domainKey(decodeURIComponent(raw));
  if (!/^[a-z0-9.-]{1,253}$/.test(domain)) notFound();
  const url = listingUrl(sort, await searchParams);
  const [{ reads }, actor] = await Promise.all([readServices(), currentActor()]);
  const page = await reads.listing(actor, { owner: domainOwner(domain), sort: url.sort, t: url.t }, url);
  const base = `/domain/${domain}`;
  const links: ListingLinks = { path: (s) => (s === "hot" ? base : `${base}/${s}`) };
  return (
    <div className="with-side">
      <div className="content">
        <h1 className="page-title">
          links to <span className="domain-name">{domain}</span>
        </h1>
        <PostListing page={page} links={links} url={url} viewer={{ userId: actor?.userId ?? null, now: Date.now() }} showCommunity emptyText={<>No links to {domain} here.</>} />
      </div>
      <aside className="side">
        <section className="side-box">
          <h2 className="side-title">{domain}</h2>
          <p className="small muted">Every post linking to {domain} or its www. host, from every community.</p>
        </section>
      </aside>
    </div>
  );
}
