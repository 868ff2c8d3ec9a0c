import { z } from "zod";
import { formatFullname, toBase36 } from "@hivemind/core";
import type { Community } from "@hivemind/db";
import type { ViewerRelation } from "@hivemind/domain";
import { renderMarkdown } from "./markdown.js";
import { listing, listingSchema } from "./listing.js";

/** A t5's data, as reddit's SubredditJsonTemplate (PRAW needs display_name, and id for .fullname). */
export const communityDataSchema = z.object({
  id: z.string(),
  name: z.string(),
  display_name: z.string(),
  display_name_prefixed: z.string(),
  title: z.string(),
  url: z.string(),
  public_description: z.string(),
  public_description_html: z.string().nullable(),
  description: z.string(),
  description_html: z.string().nullable(),
  subscribers: z.number().int(),
  accounts_active: z.null(),
  created: z.number(),
  created_utc: z.number(),
  over18: z.boolean(),
  subreddit_type: z.literal("public"),
  submission_type: z.literal("any"),
  lang: z.string(),
  quarantine: z.boolean(),
  wiki_enabled: z.boolean(),
  spoilers_enabled: z.boolean(),
  submit_text: z.string(),
  icon_img: z.string(),
  header_img: z.null(),
  user_is_subscriber: z.boolean().nullable(),
  user_is_moderator: z.boolean().nullable(),
  user_is_banned: z.boolean().nullable(),
  user_is_contributor: z.boolean().nullable(),
  user_is_muted: z.boolean().nullable(),
});

export const communityThingSchema = z.object({ kind: z.literal("t5"), data: communityDataSchema });
export const communityListingSchema = listingSchema(communityThingSchema);

export function presentCommunity(c: Community, viewer: ViewerRelation | null): z.infer<typeof communityThingSchema> {
  const created = Math.floor(c.createdAt.getTime() / 1000);
  // Anonymous viewers get null, as reddit sends.
  const rel = (v: boolean): boolean | null => (viewer ? v : null);
  return {
    kind: "t5",
    data: {
      id: toBase36(c.id),
      name: formatFullname("t5", c.id),
      display_name: c.name,
      display_name_prefixed: `r/${c.name}`,
      title: c.title,
      url: `/r/${c.name}/`,
      public_description: c.publicDescription,
      public_description_html: renderMarkdown(c.publicDescription),
      description: c.description,
      description_html: renderMarkdown(c.description),
      subscribers: c.subscribers,
      accounts_active: null,
      created,
      created_utc: created,
      over18: false,
      subreddit_type: "public",
      submission_type: "any",
      lang: "en",
      quarantine: false,
      wiki_enabled: false,
      spoilers_enabled: true,
      submit_text: "",
      icon_img: "",
      header_img: null,
      user_is_subscriber: rel(viewer?.isSubscriber ?? false),
      user_is_moderator: rel(viewer?.isModerator ?? false),
      user_is_banned: rel(viewer?.isBanned ?? false),
      user_is_contributor: rel(false),
      user_is_muted: rel(false),
    },
  };
}

/** A Listing of t5 with fullname cursors. */
export function presentCommunityListing(items: { community: Community; viewer: ViewerRelation | null }[], cursors: { after: bigint | null; before: bigint | null }) {
  return listing(
    items.map((i) => presentCommunity(i.community, i.viewer)),
    {
      after: cursors.after === null ? null : formatFullname("t5", cursors.after),
      before: cursors.before === null ? null : formatFullname("t5", cursors.before),
      dist: true,
    },
  );
}
