-- Up Migration
--
-- hivemind initial schema. Applied by node-pg-migrate (`npm run db:migrate`),
-- one transaction. Must agree with prisma/schema.prisma (checked by
-- packages/db/test/schema-agreement.int.test.ts). Constraint and index names
-- follow Prisma's defaults (<table>_pkey, <table>_<cols>_key, _fkey, _idx).
--
-- Partitioning:
--   posts     RANGE (id), one partition per UTC calendar month of the id's
--             timestamp, named posts_yYYYYmMM, created by
--             hivemind_ensure_post_partitions(); no default partition, so a
--             post id outside every created month fails loudly.
--   comments  HASH (post_id), 16 partitions comments_p00..p15.
--   votes     HASH (thing_id), 16 partitions votes_p00..p15.
--
-- Ids: (ms since 2024-01-01T00:00:00Z) << 22 | worker (10 bits) << 12 | seq (12 bits).

CREATE TABLE users (
  id                  bigint      NOT NULL,
  name                text        NOT NULL,
  name_lower          text        NOT NULL,
  password_hash       text        NOT NULL,
  is_admin            boolean     NOT NULL DEFAULT false,
  link_karma          integer     NOT NULL DEFAULT 0,
  comment_karma       integer     NOT NULL DEFAULT 0,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  password_changed_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_name_lower_key UNIQUE (name_lower)
);

CREATE TABLE communities (
  id          bigint      NOT NULL,
  name        text        NOT NULL,
  name_lower  text        NOT NULL,
  title       text        NOT NULL,
  description text        NOT NULL DEFAULT '',
  creator_id  bigint      NOT NULL,
  subscribers integer     NOT NULL DEFAULT 0,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT communities_pkey PRIMARY KEY (id),
  CONSTRAINT communities_name_lower_key UNIQUE (name_lower),
  CONSTRAINT communities_creator_id_fkey FOREIGN KEY (creator_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE NO ACTION
);
CREATE INDEX communities_creator_id_idx ON communities (creator_id);

CREATE TABLE subscriptions (
  user_id      bigint      NOT NULL,
  community_id bigint      NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT subscriptions_pkey PRIMARY KEY (user_id, community_id),
  CONSTRAINT subscriptions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT subscriptions_community_id_fkey FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX subscriptions_community_id_idx ON subscriptions (community_id);

CREATE TABLE moderators (
  community_id bigint      NOT NULL,
  user_id      bigint      NOT NULL,
  added_by     bigint,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT moderators_pkey PRIMARY KEY (community_id, user_id),
  CONSTRAINT moderators_community_id_fkey FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT moderators_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX moderators_user_id_idx ON moderators (user_id);

-- posts ----------------------------------------------------------------------

CREATE TABLE posts (
  id              bigint      NOT NULL,
  community_id    bigint      NOT NULL,
  author_id       bigint      NOT NULL,
  title           text        NOT NULL,
  kind            text        NOT NULL,
  url             text,
  domain          text        NOT NULL DEFAULT '',
  body            text        NOT NULL DEFAULT '',
  ups             integer     NOT NULL DEFAULT 0,
  downs           integer     NOT NULL DEFAULT 0,
  num_comments    integer     NOT NULL DEFAULT 0,
  deleted         boolean     NOT NULL DEFAULT false,
  removed         boolean     NOT NULL DEFAULT false,
  removed_by      bigint,
  approved_by     bigint,
  locked          boolean     NOT NULL DEFAULT false,
  sticky_position smallint,
  edited_at       timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT posts_pkey PRIMARY KEY (id),
  CONSTRAINT posts_kind_check CHECK (kind IN ('link', 'self')),
  CONSTRAINT posts_url_check CHECK ((kind = 'link') = (url IS NOT NULL)),
  CONSTRAINT posts_sticky_position_check CHECK (sticky_position IN (1, 2)),
  CONSTRAINT posts_community_id_fkey FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE RESTRICT ON UPDATE NO ACTION,
  CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE NO ACTION
) PARTITION BY RANGE (id);
-- Indexes on a partitioned table are created on every partition, present and future.
CREATE INDEX posts_community_id_id_idx ON posts (community_id, id DESC);
CREATE INDEX posts_author_id_id_idx ON posts (author_id, id DESC);
CREATE INDEX posts_domain_id_idx ON posts (domain, id DESC);
-- Stickied posts of a community (at most two), without scanning its listing.
CREATE INDEX posts_community_sticky_idx ON posts (community_id) WHERE sticky_position IS NOT NULL;

-- The lowest id of the UTC month starting on month_start (a date on the 1st).
CREATE FUNCTION hivemind_post_month_lower_bound(month_start date) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT ((month_start - date '2024-01-01')::bigint * 86400000) << 22
$$;

-- Creates the monthly partitions of posts for every month from from_month to
-- to_month inclusive (any day of a month stands for that month). Idempotent:
-- months that already have a partition are skipped without touching the
-- parent's lock. Returns the names of the partitions it created.
CREATE FUNCTION hivemind_ensure_post_partitions(from_month date, to_month date) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', from_month)::date;
  last date := date_trunc('month', to_month)::date;
  part text;
BEGIN
  IF m < date '2024-01-01' THEN
    RAISE EXCEPTION 'posts partitions start at 2024-01 (the id epoch), got %', from_month;
  END IF;
  WHILE m <= last LOOP
    part := format('posts_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
    IF to_regclass(format('%I.%I', current_schema(), part)) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE IF NOT EXISTS %I PARTITION OF posts FOR VALUES FROM (%s) TO (%s)',
        part,
        hivemind_post_month_lower_bound(m),
        hivemind_post_month_lower_bound((m + interval '1 month')::date)
      );
      RETURN NEXT part;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
END
$$;

-- Every month from the id epoch (so back-dated seed data fits) to 3 months
-- ahead. migrate() and the scheduler keep extending the horizon.
SELECT hivemind_ensure_post_partitions(date '2024-01-01', ((now() AT TIME ZONE 'UTC')::date + interval '3 months')::date);

-- comments -------------------------------------------------------------------

CREATE TABLE comments (
  id           bigint      NOT NULL,
  post_id      bigint      NOT NULL,
  parent_id    bigint,
  community_id bigint      NOT NULL,
  author_id    bigint      NOT NULL,
  body         text        NOT NULL,
  depth        integer     NOT NULL DEFAULT 0,
  ups          integer     NOT NULL DEFAULT 0,
  downs        integer     NOT NULL DEFAULT 0,
  deleted      boolean     NOT NULL DEFAULT false,
  removed      boolean     NOT NULL DEFAULT false,
  removed_by   bigint,
  approved_by  bigint,
  edited_at    timestamptz(3),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT comments_pkey PRIMARY KEY (post_id, id),
  CONSTRAINT comments_depth_check CHECK (depth >= 0),
  CONSTRAINT comments_post_id_fkey FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE RESTRICT ON UPDATE NO ACTION,
  CONSTRAINT comments_community_id_fkey FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE RESTRICT ON UPDATE NO ACTION,
  CONSTRAINT comments_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE NO ACTION
) PARTITION BY HASH (post_id);
CREATE INDEX comments_author_id_id_idx ON comments (author_id, id DESC);

DO $$
BEGIN
  FOR i IN 0..15 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF comments FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                   'comments_p' || lpad(i::text, 2, '0'), i);
  END LOOP;
END
$$;

-- votes ----------------------------------------------------------------------

CREATE TABLE votes (
  thing_id    bigint      NOT NULL,
  user_id     bigint      NOT NULL,
  kind        smallint    NOT NULL,
  dir         smallint    NOT NULL,
  counted_dir smallint    NOT NULL DEFAULT 0,
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT votes_pkey PRIMARY KEY (thing_id, user_id),
  CONSTRAINT votes_kind_check CHECK (kind IN (1, 3)),
  CONSTRAINT votes_dir_check CHECK (dir IN (-1, 0, 1)),
  CONSTRAINT votes_counted_dir_check CHECK (counted_dir IN (-1, 0, 1))
) PARTITION BY HASH (thing_id);
-- A user's liked/disliked things, newest first. One index per partition: a
-- per-user query scans all 16 and merges them (Merge Append), fine at 16.
CREATE INDEX votes_user_id_kind_updated_at_idx ON votes (user_id, kind, updated_at DESC);

DO $$
BEGIN
  FOR i IN 0..15 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF votes FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                   'votes_p' || lpad(i::text, 2, '0'), i);
  END LOOP;
END
$$;

-- saved, hidden --------------------------------------------------------------

CREATE TABLE saved (
  user_id    bigint      NOT NULL,
  thing_id   bigint      NOT NULL,
  kind       smallint    NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT saved_pkey PRIMARY KEY (user_id, thing_id),
  CONSTRAINT saved_kind_check CHECK (kind IN (1, 3)),
  CONSTRAINT saved_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX saved_user_id_created_at_idx ON saved (user_id, created_at DESC);

CREATE TABLE hidden (
  user_id    bigint      NOT NULL,
  thing_id   bigint      NOT NULL,
  kind       smallint    NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT hidden_pkey PRIMARY KEY (user_id, thing_id),
  CONSTRAINT hidden_kind_check CHECK (kind IN (1, 3)),
  CONSTRAINT hidden_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX hidden_user_id_created_at_idx ON hidden (user_id, created_at DESC);

-- moderation -----------------------------------------------------------------

CREATE TABLE reports (
  id           bigint      NOT NULL,
  thing_id     bigint      NOT NULL,
  kind         smallint    NOT NULL,
  community_id bigint      NOT NULL,
  reporter_id  bigint      NOT NULL,
  reason       text        NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  resolved_at  timestamptz(3),
  resolved_by  bigint,
  CONSTRAINT reports_pkey PRIMARY KEY (id),
  CONSTRAINT reports_kind_check CHECK (kind IN (1, 3)),
  CONSTRAINT reports_community_id_fkey FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT reports_reporter_id_fkey FOREIGN KEY (reporter_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX reports_thing_id_idx ON reports (thing_id);
-- The mod queue: unresolved reports of a community, oldest first by id.
CREATE INDEX reports_community_unresolved_idx ON reports (community_id, id) WHERE resolved_at IS NULL;

CREATE TABLE bans (
  community_id bigint      NOT NULL,
  user_id      bigint      NOT NULL,
  banned_by    bigint      NOT NULL,
  reason       text        NOT NULL DEFAULT '',
  note         text        NOT NULL DEFAULT '',
  expires_at   timestamptz(3),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT bans_pkey PRIMARY KEY (community_id, user_id),
  CONSTRAINT bans_community_id_fkey FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT bans_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX bans_user_id_idx ON bans (user_id);

CREATE TABLE mod_actions (
  id               bigint      NOT NULL,
  community_id     bigint      NOT NULL,
  moderator_id     bigint      NOT NULL,
  action           text        NOT NULL,
  target_fullname  text,
  target_author_id bigint,
  details          text        NOT NULL DEFAULT '',
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT mod_actions_pkey PRIMARY KEY (id),
  CONSTRAINT mod_actions_community_id_fkey FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT mod_actions_moderator_id_fkey FOREIGN KEY (moderator_id) REFERENCES users (id) ON DELETE RESTRICT ON UPDATE NO ACTION
);
CREATE INDEX mod_actions_community_id_created_at_idx ON mod_actions (community_id, created_at DESC);

-- auth -----------------------------------------------------------------------

CREATE TABLE oauth_clients (
  client_id   text        NOT NULL,
  secret_hash text        NOT NULL,
  user_id     bigint      NOT NULL,
  name        text        NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT oauth_clients_pkey PRIMARY KEY (client_id),
  CONSTRAINT oauth_clients_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX oauth_clients_user_id_idx ON oauth_clients (user_id);

CREATE TABLE sessions (
  id           text        NOT NULL,
  user_id      bigint      NOT NULL,
  kind         text        NOT NULL,
  client_id    text,
  scope        text        NOT NULL DEFAULT '',
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  expires_at   timestamptz(3) NOT NULL,
  last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT sessions_pkey PRIMARY KEY (id),
  CONSTRAINT sessions_kind_check CHECK (kind IN ('cookie', 'bearer')),
  CONSTRAINT sessions_id_check CHECK (id ~ '^[0-9a-f]{64}$'),
  CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT sessions_client_id_fkey FOREIGN KEY (client_id) REFERENCES oauth_clients (client_id) ON DELETE CASCADE ON UPDATE NO ACTION
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
CREATE INDEX sessions_client_id_idx ON sessions (client_id);

-- events ---------------------------------------------------------------------

CREATE TABLE outbox (
  id         bigserial   NOT NULL,
  event_id   uuid        NOT NULL,
  topic      text        NOT NULL,
  key        text        NOT NULL,
  payload    jsonb       NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT outbox_pkey PRIMARY KEY (id),
  CONSTRAINT outbox_event_id_key UNIQUE (event_id)
);

CREATE TABLE consumer_offsets (
  group_id    text        NOT NULL,
  topic       text        NOT NULL,
  partition   integer     NOT NULL,
  next_offset bigint      NOT NULL,
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT consumer_offsets_pkey PRIMARY KEY (group_id, topic, partition)
);

-- Down Migration

DROP TABLE IF EXISTS consumer_offsets, outbox, sessions, oauth_clients, mod_actions, bans, reports,
  hidden, saved, votes, comments, posts, moderators, subscriptions, communities, users CASCADE;
DROP FUNCTION IF EXISTS hivemind_ensure_post_partitions(date, date);
DROP FUNCTION IF EXISTS hivemind_post_month_lower_bound(date);
