import Link from "next/link";
import { parseFullname, toBase36, type Fullname } from "@hivemind/core";
import { loadModQueue, isModerator } from "@hivemind/domain";
import { appServices } from "../../../../../server/services";
import { AboutShell, ModsOnly } from "../../../../_components/about-shell";
import { PostRow } from "../../../../_components/post-row";
import { queueCommentHtml } from "../../../../_components/comment-html";
import { ThingsHtml } from "../../../../_components/things-html";
import { communityOr404 } from "../../../../_lib/community";
import { param, plural, type SearchParams } from "../../../../_lib/format";
import { currentActor } from "../../../../current-user";

export const metadata = { title: "mod queue · hivemind" };

function cursor(s: string | undefined): Fullname<"t1" | "t3"> | undefined {
  if (!s) return undefined;
  try {
    return parseFullname(s, ["t1", "t3"], "after");
  } catch {
    return undefined;
  }
}

/** Reported posts and comments awaiting a moderator's decision, with the reasons. */
export default async function ModQueuePage({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: SearchParams }) {
  const [{ name }, sp] = await Promise.all([params, searchParams]);
  const community = await communityOr404(name);
  const [services, actor] = await Promise.all([appServices(), currentActor()]);
  const title = `mod queue of r/${community.name}`;
  if (!actor || !(await isModerator(services.db, actor, community.id))) {
    return (
      <AboutShell community={community} current="modqueue" isModerator={false} title={title}>
        <ModsOnly community={community} loggedIn={actor !== null} />
      </AboutShell>
    );
  }
  const { items, hasMore } = await loadModQueue(services.db, actor, community.id, { limit: 25, after: cursor(param(sp.after)) });
  const now = services.now();
  const viewer = { userId: actor.userId, now };
  const last = items.at(-1);
  return (
    <AboutShell community={community} current="modqueue" isModerator title={title}>
      <p className="muted">Approving or removing a thing resolves its reports.</p>
      {items.length === 0 ? (
        <p className="empty">The queue is empty: nothing is waiting for a decision.</p>
      ) : (
        <ul className="queue">
          {items.map((item) => {
            const reports = (
              <p className="reports">
                <strong>{plural(item.numReports, "report")}:</strong>{" "}
                {item.userReports.map(([reason, n]) => (
                  <span key={reason} className="tag reported">
                    {reason} ({n})
                  </span>
                ))}
                {item.modReports.map(([reason, by]) => (
                  <span key={`${reason}-${by}`} className="tag reported">
                    {reason} (moderator {by})
                  </span>
                ))}
              </p>
            );
            if (item.kind === "t3") {
              return (
                <li key={`t3_${toBase36(item.view.row.id)}`} className="queue-item">
                  <PostRow view={item.view} viewer={viewer} showCommunity={false} />
                  {reports}
                </li>
              );
            }
            return (
              <li key={`t1_${toBase36(item.view.row.id)}`} className="queue-item">
                <ThingsHtml html={queueCommentHtml(item.view, now)} loggedIn />
                {reports}
              </li>
            );
          })}
        </ul>
      )}
      {hasMore && last ? (
        <nav className="pager" aria-label="pages">
          <Link href={`/r/${community.name}/about/modqueue?after=${last.kind}_${toBase36(last.view.row.id)}`}>next ›</Link>
        </nav>
      ) : null}
    </AboutShell>
  );
}
