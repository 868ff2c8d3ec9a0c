-- Up Migration
--
-- Who each account has blocked (reddit's block_user). A block stops what the blocked account
-- sends from reaching the blocker's inbox: its private messages and its replies to the blocker's
-- posts and comments (checked where an inbox item is written). The blocker lists their blocks.
CREATE TABLE user_blocks (
  blocker_id bigint         NOT NULL,
  blocked_id bigint         NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT user_blocks_pkey PRIMARY KEY (blocker_id, blocked_id),
  CONSTRAINT user_blocks_not_self CHECK (blocker_id <> blocked_id),
  CONSTRAINT user_blocks_blocker_id_fkey FOREIGN KEY (blocker_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT user_blocks_blocked_id_fkey FOREIGN KEY (blocked_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION
);

-- Down Migration
DROP TABLE user_blocks;
