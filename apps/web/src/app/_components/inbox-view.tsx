import Link from "next/link";
import { redirect } from "next/navigation";
import { cursorSchema } from "@hivemind/core";
import { INBOX_VIEWS, inboxPage, inboxThingId, markInboxItems, type InboxEntry, type InboxView } from "@hivemind/domain";
import { presentInboxEntry } from "@hivemind/present";
import { appServices } from "../../server/services";
import { lenientParam, type SearchParams } from "../_lib/format";
import { TimeAgo } from "../_lib/time-ago";
import { currentActor } from "../current-user";
import { InboxReply } from "./inbox-reply";
import { CursorPager } from "./listing-nav";

const PER_PAGE = 25;
const LABELS: Record<InboxView, string> = { inbox: "all", unread: "unread", messages: "messages", comments: "comment replies", sent: "sent" };

/** An inbox page's cursor: a message or a reply. */
const INBOX_CURSOR = cursorSchema(["t1", "t4"]);

/**
 * The reader's inbox (reddit's /message/{where}): messages, and replies to their posts and
 * comments, newest first, paged by fullname cursors. What a view shows unread is marked read once
 * shown (it is still marked new on this page), as reddit does.
 */
export async function InboxPageView({ where, searchParams }: { where: InboxView; searchParams: SearchParams }) {
  const actor = await currentActor();
  if (!actor) redirect(`/login?next=${encodeURIComponent(`/message/${where}`)}`);
  const sp = await searchParams;
  const services = await appServices();
  const page = await inboxPage(services.db, actor, where, { limit: PER_PAGE, after: lenientParam(INBOX_CURSOR, sp, "after"), before: lenientParam(INBOX_CURSOR, sp, "before") });
  await markInboxItems(services, actor, page.items.filter((e) => e.unread).map(inboxThingId), false);
  const now = services.now();
  return (
    <div className="content inbox">
      <div className="card-head">
        <h1 className="page-title">messages</h1>
        <Link href="/message/compose" className="button-link">
          send a message
        </Link>
      </div>
      <nav className="sort-tabs" aria-label="inbox">
        {INBOX_VIEWS.map((v) => (
          <a key={v} href={`/message/${v}`} className={v === where ? "tab on" : "tab"} aria-current={v === where ? "page" : undefined}>
            {LABELS[v]}
          </a>
        ))}
      </nav>
      {page.items.length === 0 ? (
        <p className="empty">{where === "unread" ? "Nothing unread." : "There doesn't seem to be anything here."}</p>
      ) : (
        <div className="site-table">
          {page.items.map((e) => (
            <InboxItem key={inboxThingId(e).toString()} entry={e} sent={where === "sent"} now={now} />
          ))}
        </div>
      )}
      <CursorPager after={page.after} before={page.before} href={(c) => `/message/${where}?${new URLSearchParams(c)}`} />
    </div>
  );
}

function InboxItem({ entry, sent, now }: { entry: InboxEntry; sent: boolean; now: number }) {
  const d = presentInboxEntry(entry, { origin: "" }).data;
  const at = entry.kind === "t4" ? entry.message.createdAt : entry.comment.row.createdAt;
  const who = sent && entry.kind === "t4" ? entry.message.recipient.name : d.author;
  return (
    <article className={`thing message${entry.unread ? " unread" : ""}`} data-fullname={d.name}>
      <p className="subject">
        <strong>{d.subject}</strong>
        {entry.kind === "t1" ? (
          <>
            {" "}
            <a href={d.context}>on {entry.comment.row.post.title}</a>
          </>
        ) : null}
        {entry.unread ? <span className="tag new">new</span> : null}
      </p>
      <p className="tagline">
        {sent ? "to" : "from"}{" "}
        <a href={`/user/${who}`} className="author">
          u/{who}
        </a>
        {entry.kind === "t1" ? <> via r/{entry.comment.row.community.name}</> : null} sent <TimeAgo at={at} now={now} />
      </p>
      <div className="usertext" dangerouslySetInnerHTML={{ __html: d.body_html ?? "" }} />
      {entry.kind === "t4" && !sent ? <InboxReply parent={d.name} /> : null}
    </article>
  );
}
