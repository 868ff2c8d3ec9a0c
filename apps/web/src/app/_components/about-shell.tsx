import Link from "next/link";
import type { ReactNode } from "react";
import type { Community } from "@hivemind/db";

const TABS = [
  { slug: "modqueue", label: "mod queue", modOnly: true },
  { slug: "banned", label: "banned", modOnly: true },
  { slug: "moderators", label: "moderators", modOnly: false },
  { slug: "log", label: "mod log", modOnly: false },
];

/** The frame of a community's about/* pages: title and the moderation tabs. */
export function AboutShell({ community, current, isModerator, title, children }: { community: Community; current: string; isModerator: boolean; title: string; children: ReactNode }) {
  return (
    <div className="card">
      <p className="crumbs">
        <Link href={`/r/${community.name}`}>r/{community.name}</Link> › {title}
      </p>
      <nav className="about-tabs" aria-label="moderation pages">
        {TABS.filter((t) => isModerator || !t.modOnly).map((t) =>
          t.slug === current ? (
            <span key={t.slug} className="tab on" aria-current="page">
              {t.label}
            </span>
          ) : (
            <Link key={t.slug} href={`/r/${community.name}/about/${t.slug}`} className="tab">
              {t.label}
            </Link>
          ),
        )}
      </nav>
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/** What a non-moderator sees on a moderators-only page. */
export function ModsOnly({ community, loggedIn }: { community: Community; loggedIn: boolean }) {
  return (
    <p className="notice" role="alert">
      Only moderators of r/{community.name} can see this page.
      {loggedIn ? null : (
        <>
          {" "}
          <Link href={`/login?next=${encodeURIComponent(`/r/${community.name}`)}`}>Log in</Link>
        </>
      )}
    </p>
  );
}
