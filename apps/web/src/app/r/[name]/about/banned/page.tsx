import Link from "next/link";
import { listBans, isModerator } from "@hivemind/domain";
import { appServices } from "../../../../../server/services";
import { AboutShell, ModsOnly } from "../../../../_components/about-shell";
import { ApiButton } from "../../../../_components/api-button";
import { FieldForm } from "../../../../_components/field-form";
import { communityOr404 } from "../../../../_lib/community";
import { TimeAgo } from "../../../../_lib/time-ago";
import { currentActor } from "../../../../current-user";

export const metadata = { title: "banned users · hivemind" };

/** Ban a user (reason, private note, duration) and lift bans. */
export default async function BannedPage({ params }: { params: Promise<{ name: string }> }) {
  const community = await communityOr404((await params).name);
  const [services, actor] = await Promise.all([appServices(), currentActor()]);
  const title = `banned from r/${community.name}`;
  if (!actor || !(await isModerator(services.db, actor, community.id))) {
    return (
      <AboutShell community={community} current="banned" isModerator={false} title={title}>
        <ModsOnly community={community} loggedIn={actor !== null} />
      </AboutShell>
    );
  }
  const now = services.now();
  const { entries } = await listBans(services.db, community.id, now, { limit: 100 });
  return (
    <AboutShell community={community} current="banned" isModerator title={title}>
      <section className="sub-section">
        <h2>Ban a user</h2>
        <p className="muted small">Banned users can read r/{community.name} but not post, comment or vote in it. The reason appears in the public mod log; the note does not.</p>
        <FieldForm
          path={`/r/${community.name}/api/friend`}
          hidden={{ type: "banned" }}
          idPrefix="ban"
          submitLabel="ban user"
          successText="Banned."
          fields={[
            { name: "name", label: "username", required: true, maxLength: 20 },
            { name: "ban_reason", label: "reason (public)", maxLength: 100 },
            { name: "note", label: "note (moderators only)", maxLength: 100 },
            { name: "duration", label: "days (empty: permanent)", type: "number", min: 1, max: 999 },
          ]}
        />
      </section>
      <section className="sub-section">
        <h2>Banned users</h2>
        {entries.length === 0 ? (
          <p className="empty">Nobody is banned.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">user</th>
                <th scope="col">since</th>
                <th scope="col">until</th>
                <th scope="col">reason</th>
                <th scope="col">note</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.name}>
                  <td>
                    <Link href={`/user/${e.name}`}>{e.name}</Link>
                  </td>
                  <td>
                    <TimeAgo at={e.ban.createdAt} now={now} />
                  </td>
                  <td>{e.ban.expiresAt ? e.ban.expiresAt.toISOString().slice(0, 10) : "permanent"}</td>
                  <td>{e.ban.reason}</td>
                  <td>{e.ban.note}</td>
                  <td>
                    <ApiButton path={`/r/${community.name}/api/unfriend`} body={{ type: "banned", name: e.name }} label="unban" className="danger" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AboutShell>
  );
}
