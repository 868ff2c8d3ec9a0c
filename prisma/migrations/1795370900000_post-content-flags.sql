-- Up Migration
--
-- A post's content flags, reddit's over_18 ("nsfw") and spoiler: set at submit (PRAW's
-- submit(nsfw=True, spoiler=True)) and later by the author or a moderator (/api/marknsfw,
-- /api/unmarknsfw, /api/spoiler, /api/unspoiler). A constant default: a catalog change on every
-- partition, no rewrite.
ALTER TABLE posts
  ADD COLUMN over_18 boolean NOT NULL DEFAULT false,
  ADD COLUMN spoiler boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE posts DROP COLUMN over_18, DROP COLUMN spoiler;
