-- Up Migration
--
-- Login rate limits live in a schema of their own, outside the app's model
-- (schema.prisma describes the public schema only): rate-limiter-flexible's
-- RateLimiterPostgres reads and writes this table directly, so every web
-- process shares one count per account and per IP.
CREATE SCHEMA IF NOT EXISTS ratelimit;
CREATE TABLE ratelimit.login_attempts (
  key     varchar(255) NOT NULL,
  points  integer      NOT NULL DEFAULT 0,
  expire  bigint,
  CONSTRAINT login_attempts_pkey PRIMARY KEY (key)
);

-- A community's one-line blurb (reddit's public_description), shown in
-- listings of communities; `description` stays the sidebar text.
ALTER TABLE communities ADD COLUMN public_description text NOT NULL DEFAULT '';

-- Down Migration
ALTER TABLE communities DROP COLUMN public_description;
DROP TABLE ratelimit.login_attempts;
DROP SCHEMA ratelimit;
