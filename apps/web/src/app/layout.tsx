import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { LogoutButton } from "./_components/logout-button";
import { currentUser } from "./current-user";
import { appCoordination } from "../server/coordination";
import "./globals.css";

export const metadata: Metadata = { title: "hivemind", description: "links, communities and threaded discussion" };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, coordination] = await Promise.all([currentUser(), appCoordination()]);
  // Read per request: a change to the live config shows on the next page, no restart.
  const { readOnly } = coordination.live.current();
  return (
    <html lang="en">
      <body>
        <a href="#content" className="skip-link">
          skip to content
        </a>
        <header className="site-header">
          <div className="header-left">
            <Link href="/" className="site-name">
              hivemind
            </Link>
            <nav className="site-nav" aria-label="site">
              <Link href="/">front</Link>
              <Link href="/r/all">all</Link>
              <Link href="/subreddits">communities</Link>
              <Link href="/submit">submit</Link>
            </nav>
            <form className="header-search" action="/search" method="get" role="search">
              <input type="search" name="q" aria-label="search" placeholder="search" maxLength={512} />
            </form>
          </div>
          <nav className="user-menu" aria-label="account">
            {user ? (
              <>
                <Link href={`/user/${user.name}`} className="user-name">
                  {user.name}
                </Link>
                <span className="karma" title="post karma · comment karma">
                  (<span aria-label="karma">{(user.linkKarma + user.commentKarma).toLocaleString("en-US")}</span>)
                </span>
                <span className="sep">|</span>
                <a href={user.hasMail ? "/message/unread" : "/message/inbox"} className={user.hasMail ? "mail on" : "mail"}>
                  {user.hasMail ? "new messages" : "messages"}
                </a>
                <span className="sep">|</span>
                <Link href="/prefs/apps">prefs</Link>
                <span className="sep">|</span>
                <LogoutButton />
              </>
            ) : (
              <>
                <Link href="/login">log in</Link>
                <span className="sep">|</span>
                <Link href="/register">sign up</Link>
              </>
            )}
          </nav>
        </header>
        {readOnly.enabled && (
          <p className="read-only-banner" role="status">
            {readOnly.message}
          </p>
        )}
        <main id="content">{children}</main>
      </body>
    </html>
  );
}
