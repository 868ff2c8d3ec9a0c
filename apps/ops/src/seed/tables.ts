/** The tables the seeder loads, in foreign-key order, with the columns it writes. */
export const SEED_TABLES = {
  users: ["id", "name", "name_lower", "password_hash", "is_admin", "created_at", "password_changed_at"],
  communities: ["id", "name", "name_lower", "title", "description", "creator_id", "created_at"],
  subscriptions: ["user_id", "community_id", "created_at"],
  moderators: ["community_id", "user_id", "added_by", "created_at"],
  posts: [
    "id", "community_id", "author_id", "title", "kind", "url", "domain", "body", "ups", "downs", "num_comments",
    "deleted", "removed", "removed_by", "locked", "sticky_position", "edited_at", "created_at",
  ],
  comments: [
    "id", "post_id", "parent_id", "community_id", "author_id", "body", "depth", "ups", "downs", "deleted", "removed",
    "removed_by", "edited_at", "created_at",
  ],
  votes: ["thing_id", "user_id", "kind", "dir", "counted_dir", "updated_at"],
  saved: ["user_id", "thing_id", "kind", "created_at"],
  hidden: ["user_id", "thing_id", "kind", "created_at"],
  reports: ["id", "thing_id", "kind", "community_id", "reporter_id", "reason", "created_at", "resolved_at", "resolved_by"],
  bans: ["community_id", "user_id", "banned_by", "reason", "note", "expires_at", "created_at"],
  mod_actions: ["id", "community_id", "moderator_id", "action", "target_fullname", "target_author_id", "details", "created_at"],
} as const satisfies Record<string, readonly string[]>;

export type SeedTable = keyof typeof SEED_TABLES;
export const SEED_TABLE_NAMES = Object.keys(SEED_TABLES) as SeedTable[];

export { KIND_COMMENT, KIND_POST } from "@hivemind/core";
