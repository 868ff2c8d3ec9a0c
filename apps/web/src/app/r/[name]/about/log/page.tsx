import Link from "next/link";
import { fromBase36 } from "@hivemind/core";
import { isModerator, loadModLog, type ModActionName } from "@hivemind/domain";
import { appServices } from "../../../../../server/services";
import { AboutShell } from "../../../../_components/about-shell";
import { communityOr404 } from "../../../../_lib/community";
import { param, type SearchParams } from "../../../../_lib/format";
import { TimeAgo } from "../../../../_lib/time-ago";
import { currentActor } from "../../../../current-user";

export const metadata = { title: "mod log · hivemind" };

const PER_PAGE = 50;

/** Readable names for reddit's mod action codes. */
const ACTION_TEXT: Record<ModActionName, string> = {
  removelink: "removed post",
  spamlink: "removed post as spam",
  removecomment: "removed comment",
  spamcomment: "removed comment as spam",
  approvelink: "approved post",
  approvecomment: "approved comment",
  lock: "locked",
  unlock: "unlocked",
  sticky: "stickied",
  unsticky: "unstickied",
  marknsfw: "marked nsfw",
  unmarknsfw: "unmarked nsfw",
  spoiler: "marked as a spoiler",
  unspoiler: "unmarked as a spoiler",
  banuser: "banned",
  unbanuser: "unbanned",
  addmoderator: "added moderator",
  removemoderator: "removed moderator",
};

function cursor(s: string | undefined): bigint | undefined {
  if (!s) return undefined;
  try {
    return fromBase36(s.replace(/^ModAction_/, ""));
  } catch {
    return undefined;
  }
}

/** The public mod log: who did what, when, and why. */
export default async function ModLogPage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: SearchParams }) {
  const [{ name }, sp] = await Promise.all([params, searchParams]);
  const community = await communityOr404(name);
  const [services, actor] = await Promise.all([appServices(), currentActor()]);
  const after = cursor(param(sp.after));
  const before = after === undefined ? cursor(param(sp.before)) : undefined;
  const [{ lines, hasMore }, mod] = await Promise.all([
    loadModLog(services.db, community.id, { limit: PER_PAGE, after, before }),
    isModerator(services.db, actor, community.id),
  ]);
  const now = services.now();
  const base = `/r/${community.name}/about/log`;
  const first = lines[0];
  const last = lines.at(-1);
  const newer = (after !== undefined || (before !== undefined && hasMore)) && first;
  const older = (before !== undefined || hasMore) && last;
  return (
    <AboutShell community={community} current="log" isModerator={mod} title={`moderation log of r/${community.name}`}>
      <p className="muted">Every moderator action in this community, newest first. The log is public.</p>
      {lines.length === 0 ? (
        <p className="empty">No moderator actions yet.</p>
      ) : (
        <table className="modlog">
          <thead>
            <tr>
              <th scope="col">when</th>
              <th scope="col">moderator</th>
              <th scope="col">action</th>
              <th scope="col">target</th>
              <th scope="col">why</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id36} data-action={l.action}>
                <td className="nowrap">
                  <TimeAgo at={l.at} now={now} />
                </td>
                <td>
                  <Link href={`/user/${l.moderator}`}>{l.moderator}</Link>
                </td>
                <td>
                  {ACTION_TEXT[l.action as ModActionName] ?? l.action}
                  {l.details && l.details !== "remove" ? <span className="muted"> ({l.details})</span> : null}
                </td>
                <td>
                  {l.target ? <Link href={l.target.href}>{l.target.label}</Link> : null}
                  {l.targetAuthor && !(l.target?.label ?? "").startsWith("u/") ? <span className="muted"> by u/{l.targetAuthor}</span> : null}
                </td>
                <td>{l.description ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {newer || older ? (
        <nav className="pager" aria-label="pages">
          {newer ? <Link href={`${base}?before=ModAction_${newer.id36}`}>‹ newer</Link> : null}
          {newer && older ? <span className="sep">|</span> : null}
          {older ? <Link href={`${base}?after=ModAction_${older.id36}`}>older ›</Link> : null}
        </nav>
      ) : null}
    </AboutShell>
  );
}
