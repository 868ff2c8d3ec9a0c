import Link from "next/link";
import { currentUser } from "./current-user";

export default async function HomePage() {
  const user = await currentUser();
  return (
    <div className="card">
      <h1>hivemind</h1>
      <p>Links, communities and threaded discussion, with a reddit-compatible API.</p>
      {user ? (
        <p>
          Welcome back, <strong>{user.name}</strong>. Script-app credentials for API clients live under <Link href="/prefs/apps">apps</Link>.
        </p>
      ) : (
        <p>
          <Link href="/login">Log in</Link> or <Link href="/register">sign up</Link> to join in.
        </p>
      )}
      <p className="muted">
        API description: <a href="/api/openapi.json">/api/openapi.json</a>
      </p>
    </div>
  );
}
