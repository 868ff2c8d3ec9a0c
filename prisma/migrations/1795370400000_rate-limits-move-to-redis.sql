-- Up Migration
--
-- The abuse limits' counters moved to the Redis cache ring (packages/accounts rate-limiter.ts):
-- two autocommitted upserts per vote were a third of Postgres's work on the vote path. Counters
-- are short-lived by nature; nothing here needs keeping.
DROP SCHEMA ratelimit CASCADE;

-- Down Migration
CREATE SCHEMA IF NOT EXISTS ratelimit;
CREATE TABLE ratelimit.actions (
  key     varchar(255) NOT NULL,
  points  integer      NOT NULL DEFAULT 0,
  expire  bigint,
  CONSTRAINT actions_pkey PRIMARY KEY (key)
);
