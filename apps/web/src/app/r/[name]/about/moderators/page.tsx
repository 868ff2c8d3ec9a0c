import Link from "next/link";
import { listModerators, isModerator } from "@hivemind/domain";
import { appServices } from "../../../../../server/services";
import { AboutShell } from "../../../../_components/about-shell";
import { ApiButton } from "../../../../_components/api-button";
import { FieldForm } from "../../../../_components/field-form";
import { communityOr404 } from "../../../../_lib/community";
import { TimeAgo } from "../../../../_lib/time-ago";
import { currentActor } from "../../../../current-user";

export const metadata = { title: "moderators · hivemind" };

/** The moderators, most senior first (public); moderators add and remove moderators here. */
export default async function ModeratorsPage({ params }: { params: Promise<{ name: string }> }) {
  const community = await communityOr404((await params).name);
  const [services, actor] = await Promise.all([appServices(), currentActor()]);
  const [moderators, mod] = await Promise.all([listModerators(services.db, community.id), isModerator(services.db, actor, community.id)]);
  const now = services.now();
  return (
    <AboutShell community={community} current="moderators" isModerator={mod} title={`moderators of r/${community.name}`}>
      <table>
        <thead>
          <tr>
            <th scope="col">moderator</th>
            <th scope="col">since</th>
            {mod ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {moderators.map((m) => (
            <tr key={m.name}>
              <td>
                <Link href={`/user/${m.name}`}>u/{m.name}</Link>
              </td>
              <td>
                <TimeAgo at={m.moderator.createdAt} now={now} />
              </td>
              {mod ? (
                <td>
                  <ApiButton
                    path={`/r/${community.name}/api/unfriend`}
                    body={{ type: "moderator", name: m.name }}
                    label={m.name === actor?.name ? "leave" : "remove"}
                    className="danger"
                    confirmText={`Remove ${m.name} as a moderator of r/${community.name}?`}
                  />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {mod ? (
        <section className="sub-section">
          <h2>Add a moderator</h2>
          <p className="muted small">Moderators rank by seniority: you can remove yourself and moderators added after you.</p>
          <FieldForm
            path={`/r/${community.name}/api/friend`}
            hidden={{ type: "moderator" }}
            idPrefix="mod"
            submitLabel="add moderator"
            successText="Added."
            fields={[{ name: "name", label: "username", required: true, maxLength: 20 }]}
          />
        </section>
      ) : null}
    </AboutShell>
  );
}
