import Link from "next/link";
import { redirect } from "next/navigation";
import { listClients } from "@hivemind/accounts";
import { appServices } from "../../../server/services";
import { AppsManager, type AppRow } from "../../_components/apps-manager";
import { currentUser } from "../../current-user";

export const metadata = { title: "apps · hivemind" };

export default async function AppsPage() {
  const user = await currentUser();
  if (!user) redirect("/login?next=/prefs/apps");
  const clients = await listClients(await appServices(), user.id);
  const apps: AppRow[] = clients.map((c) => ({ clientId: c.clientId, name: c.name, created: c.createdAt.toISOString().slice(0, 10) }));
  return (
    <div className="card">
      <h1>Script apps</h1>
      <p className="muted">
        A script app lets a program (PRAW or any reddit client) act as <strong>{user.name}</strong> with the password grant:
        HTTP Basic <code>client_id:client_secret</code> to <code>POST /api/v1/access_token</code>. Only you can use your apps.
        The accounts you have blocked are under <Link href="/prefs/blocked">blocked</Link>.
      </p>
      <AppsManager initial={apps} />
    </div>
  );
}
