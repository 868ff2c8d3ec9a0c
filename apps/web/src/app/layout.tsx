import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { LogoutButton } from "./_components/logout-button";
import { currentUser } from "./current-user";
import "./globals.css";

export const metadata: Metadata = { title: "hivemind", description: "links, communities and threaded discussion" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="site-name">
            hivemind
          </Link>
          <nav className="site-nav">
            {user ? (
              <>
                <span>
                  u/<strong>{user.name}</strong>
                </span>
                <Link href="/prefs/apps">apps</Link>
                <LogoutButton />
              </>
            ) : (
              <>
                <Link href="/login">log in</Link>
                <Link href="/register">sign up</Link>
              </>
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
