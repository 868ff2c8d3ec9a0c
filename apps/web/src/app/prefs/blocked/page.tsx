import Link from "next/link";
import { redirect } from "next/navigation";
import { blockedAccounts } from "@hivemind/domain";
import { appServices } from "../../../server/services";
import { ApiButton } from "../../_components/api-button";
import { currentActor } from "../../current-user";

export const metadata = { title: "blocked accounts · hivemind" };

/** The accounts the reader has blocked, each with its unblock button (reddit's prefs/blocked). */
export default async function BlockedPage() {
  const actor = await currentActor();
  if (!actor) redirect("/login?next=/prefs/blocked");
  const blocked = await blockedAccounts((await appServices()).db, actor);
  return (
    <div className="card">
      <h1>Blocked accounts</h1>
      <p className="muted">
        Messages and replies from these accounts no longer reach your inbox; they are not told. Block someone from their profile page. Your{" "}
        <Link href="/prefs/apps">script apps</Link> are a page of their own.
      </p>
      {blocked.length === 0 ? (
        <p className="muted">You have not blocked anyone.</p>
      ) : (
        <ul className="blocked-list">
          {blocked.map((b) => (
            <li key={b.userId.toString()}>
              <Link href={`/user/${b.name}`}>u/{b.name}</Link> <span className="muted small">since {b.since.toISOString().slice(0, 10)}</span>{" "}
              <ApiButton path="/r/all/api/unfriend" body={{ name: b.name, type: "enemy" }} label="unblock" className="secondary" />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
