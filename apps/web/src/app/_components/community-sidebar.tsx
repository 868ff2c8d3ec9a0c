import Link from "next/link";
import type { Community } from "@hivemind/db";
import { type ViewerRelation, listModerators } from "@hivemind/domain";
import { renderMarkdown } from "@hivemind/present";
import { appServices } from "../../server/services";
import { TimeAgo } from "../_lib/time-ago";
import { SubscribeButton } from "./subscribe-button";

/** The community's sidebar: title, description (markdown), subscribers, subscribe, moderators, mod links. */
export async function CommunitySidebar({ community, relation, loggedIn, now }: { community: Community; relation: ViewerRelation; loggedIn: boolean; now: number }) {
  const services = await appServices();
  const moderators = await listModerators(services.db, community.id);
  const description = renderMarkdown(community.description);
  const name = community.name;
  return (
    <aside className="side">
      <form className="search-form side-search" action={`/r/${name}/search`} method="get" role="search">
        <input type="hidden" name="restrict_sr" value="on" />
        <input type="search" name="q" aria-label={`search r/${name}`} placeholder={`search r/${name}`} maxLength={512} />
      </form>
      <section className="side-box">
        <h2 className="side-title">
          <Link href={`/r/${name}`}>r/{name}</Link>
        </h2>
        {community.title && community.title !== name ? <p className="community-title">{community.title}</p> : null}
        <p className="subscribers">
          <strong>{community.subscribers.toLocaleString("en-US")}</strong> {community.subscribers === 1 ? "subscriber" : "subscribers"}
        </p>
        <SubscribeButton community={name} subscribed={relation.isSubscriber} loggedIn={loggedIn} />
        {relation.isBanned ? (
          <p className="notice" role="status">
            You are banned from r/{name}: you can read but not post, comment or vote here.
          </p>
        ) : null}
        <Link href={`/r/${name}/submit`} className="button-link">
          submit a new post
        </Link>
        {community.publicDescription ? <p className="public-description">{community.publicDescription}</p> : null}
        {description ? <div className="usertext" dangerouslySetInnerHTML={{ __html: description }} /> : null}
        <p className="muted small">
          created <TimeAgo at={community.createdAt} now={now} />
        </p>
      </section>
      <section className="side-box">
        <h3>moderators</h3>
        <ul className="mod-list">
          {moderators.map((m) => (
            <li key={m.name}>
              <Link href={`/user/${m.name}`}>u/{m.name}</Link>
            </li>
          ))}
        </ul>
        <p className="small">
          <Link href={`/r/${name}/about/moderators`}>about the moderators</Link> · <Link href={`/r/${name}/about/log`}>mod log</Link>
        </p>
        {relation.isModerator ? (
          <nav className="mod-tools" aria-label="moderation tools">
            <h3>moderation tools</h3>
            <ul>
              <li>
                <Link href={`/r/${name}/about/modqueue`}>mod queue</Link>
              </li>
              <li>
                <Link href={`/r/${name}/about/banned`}>banned users</Link>
              </li>
              <li>
                <Link href={`/r/${name}/about/moderators`}>moderators</Link>
              </li>
              <li>
                <Link href={`/r/${name}/about/log`}>mod log</Link>
              </li>
            </ul>
          </nav>
        ) : null}
      </section>
    </aside>
  );
}
