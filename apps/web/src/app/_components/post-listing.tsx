import Link from "next/link";
import type { PostPage } from "@hivemind/domain";
import { PostRow, type Viewer } from "./post-row";

/** A page of posts with its sort tabs and its ‹ prev · next › cursors. */
export function PostListing({ page, basePath, viewer, showCommunity, emptyText }: { page: PostPage; basePath: string; viewer: Viewer; showCommunity: boolean; emptyText: React.ReactNode }) {
  const all = [...page.stickies, ...page.posts];
  return (
    <div className="listing">
      <nav className="sort-tabs" aria-label="sort">
        <span className="tab on" aria-current="page">
          new
        </span>
      </nav>
      {all.length === 0 ? (
        <p className="empty">{emptyText}</p>
      ) : (
        <div className="site-table">
          {all.map((v) => (
            <PostRow key={v.row.id.toString()} view={v} viewer={viewer} showCommunity={showCommunity} />
          ))}
        </div>
      )}
      {page.before || page.after ? (
        <nav className="pager" aria-label="pages">
          {page.before ? (
            <Link href={`${basePath}?before=${page.before}`} rel="prev">
              ‹ prev
            </Link>
          ) : null}
          {page.before && page.after ? <span className="sep">|</span> : null}
          {page.after ? (
            <Link href={`${basePath}?after=${page.after}`} rel="next">
              next ›
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
