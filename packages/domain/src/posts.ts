import { type Deps, inTransaction, enqueueEvents, newEvent, type Community, type Post } from "@hivemind/db";
import {
  NotFoundError,
  ValidationError,
  domainOf,
  formatFullname,
  nameKey,
  parseField,
  selftextSchema,
  titleSchema,
  toBase36,
  urlSchema,
} from "@hivemind/core";
import type { Viewer } from "@hivemind/core";
import { requireNotBanned } from "./permissions.js";
import { loadPostViews, type PostView } from "./hydrate.js";
import { type Reader } from "./things.js";
import { AUTHOR_UPVOTE_COUNTED, recordAuthorUpvote } from "./votes.js";

export interface SubmitInput {
  kind: "self" | "link";
  /** Community name. */
  sr: string;
  title: string;
  text?: string | undefined;
  url?: string | undefined;
  /** reddit's over_18 mark. */
  nsfw?: boolean | undefined;
  spoiler?: boolean | undefined;
}

/**
 * The community to submit to, by name (case-insensitive, trimmed), or SUBREDDIT_NOEXIST naming `field`.
 * A 400 form error here, unlike mod-lookup's communityByName (404): PRAW's submit expects RedditAPIException.
 */
async function submitCommunityByName(db: Reader, name: string, field = "sr") {
  const community = await db.community.findUnique({ where: { nameLower: nameKey(name.trim()) } });
  if (!community) throw new ValidationError("that subreddit doesn't exist", { code: "SUBREDDIT_NOEXIST", field });
  return community;
}

/**
 * Submits a link or self post. One transaction: the post row, the author's upvote (votes row
 * dir 1), thing.created and vote.cast (prev 0). A link needs an http(s) url (its domain is kept
 * for domain listings); a self post's text is markdown and may be empty. Returns the post and its community.
 */
export async function submitPost(deps: Deps, actor: Viewer, input: SubmitInput): Promise<{ post: Post; community: Community }> {
  const title = parseField(titleSchema, input.title ?? "", "title");
  const url = input.kind === "link" ? parseField(urlSchema, input.url ?? "", "url") : null;
  const body = input.kind === "self" ? parseField(selftextSchema, input.text ?? "", "text") : "";
  return inTransaction(deps, async (tx) => {
    const now = deps.now();
    const community = await submitCommunityByName(tx, input.sr);
    await requireNotBanned(tx, actor, community.id, now);
    const id = deps.ids.next();
    const linkDomain = url === null ? null : domainOf(url);
    const post = await tx.post.create({
      data: {
        id,
        communityId: community.id,
        authorId: actor.userId,
        title,
        kind: input.kind,
        url,
        domain: linkDomain ?? `self.${community.name}`,
        body,
        over18: input.nsfw ?? false,
        spoiler: input.spoiler ?? false,
        createdAt: new Date(now),
        ...AUTHOR_UPVOTE_COUNTED,
      },
    });
    const fullname = formatFullname("t3", id);
    await enqueueEvents(tx, [
      newEvent(
        "thing.created",
        { thing: fullname, post: fullname, parent: null, community: toBase36(community.id), author: toBase36(actor.userId), created: now, domain: linkDomain },
        now,
      ),
    ]);
    await recordAuthorUpvote(tx, { kind: "t3", post }, now);
    return { post, community };
  });
}

/** One post, hydrated for the viewer, or NotFoundError. */
export async function getPostView(db: Reader, actor: Viewer | null, postId: bigint): Promise<PostView> {
  const [view] = await loadPostViews(db, actor, [postId]);
  if (!view) throw new NotFoundError("that post doesn't exist");
  return view;
}
